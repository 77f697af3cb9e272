//! Mapping request paths to files and answering requests.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use tiny_http::{Header, Method, Request, Response};

/// The `Content-Type` for a file, chosen by its extension (case-insensitive).
/// Unknown extensions get `application/octet-stream`.
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "otf" => "font/otf",
        "ttf" => "font/ttf",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// What a request path refers to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A file to send.
    File(PathBuf),
    /// A directory requested without its trailing slash: redirect here.
    Redirect(String),
    /// The path tries to leave the root (`..`, backslashes, symlinks pointing outside).
    Forbidden,
    /// Nothing there.
    NotFound,
}

/// Decodes `%XX` escapes; `None` for malformed escapes or non-UTF-8 results.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Resolves a request URL (path plus optional query) against the canonical `root`.
pub(crate) fn resolve(root: &Path, url: &str) -> Target {
    let (path, query) = match url.find(['?', '#']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    if !path.starts_with('/') {
        return Target::NotFound;
    }
    let Some(decoded) = percent_decode(path) else {
        return Target::NotFound;
    };
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Target::Forbidden,
            s if s.contains(['\\', '\0']) => return Target::Forbidden,
            s => file.push(s),
        }
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            return Target::Redirect(format!("{path}/{query}"));
        }
        file.push("index.html");
    }
    // Canonicalising also resolves symlinks, so a link pointing out of the root is refused.
    match file.canonicalize() {
        Ok(real) if !real.starts_with(root) => Target::Forbidden,
        Ok(real) if real.is_file() => Target::File(real),
        _ => Target::NotFound,
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn with_headers<R: Read>(mut response: Response<R>, headers: &[(&str, &str)]) -> Response<R> {
    let common = [
        ("Cache-Control", "no-store"),
        ("Access-Control-Allow-Origin", "*"),
        ("X-Content-Type-Options", "nosniff"),
        ("Content-Security-Policy", crate::CONTENT_SECURITY_POLICY),
        ("Referrer-Policy", crate::REFERRER_POLICY),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ];
    for (name, value) in common.iter().chain(headers) {
        if let Some(h) = header(name, value) {
            response.add_header(h);
        }
    }
    response
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn text(status: u16, content_type: &str, body: String) -> Response<std::io::Cursor<Vec<u8>>> {
    with_headers(
        Response::from_data(body).with_status_code(status),
        &[("Content-Type", content_type)],
    )
}

fn not_found(url: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let body = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>404 Not Found</title></head>\n\
         <body><h1>404 Not Found</h1><p><code>{}</code> does not exist. <a href=\"/\">Home</a></p></body></html>\n",
        escape_html(url)
    );
    text(404, "text/html; charset=utf-8", body)
}

/// Answers one request. Errors while writing the response (client went away) are ignored.
pub(crate) fn answer(root: &Path, request: Request) {
    let url = request.url().to_string();
    let result = match request.method() {
        Method::Get | Method::Head => match resolve(root, &url) {
            Target::File(path) => match File::open(&path) {
                Ok(file) => request.respond(with_headers(
                    Response::from_file(file),
                    &[("Content-Type", mime_type(&path))],
                )),
                Err(_) => request.respond(not_found(&url)),
            },
            Target::Redirect(location) => request.respond(with_headers(
                Response::empty(301),
                &[("Location", &location)],
            )),
            Target::Forbidden => request.respond(text(
                403,
                "text/plain; charset=utf-8",
                "403 Forbidden\n".into(),
            )),
            Target::NotFound => request.respond(not_found(&url)),
        },
        Method::Options => request.respond(with_headers(
            Response::empty(204),
            &[
                ("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS"),
                ("Access-Control-Allow-Headers", "*"),
            ],
        )),
        _ => request.respond(with_headers(
            Response::from_data("405 Method Not Allowed\n").with_status_code(405),
            &[
                ("Allow", "GET, HEAD, OPTIONS"),
                ("Content-Type", "text/plain; charset=utf-8"),
            ],
        )),
    };
    let _ = result;
}
