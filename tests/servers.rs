//! The two small HTTP servers the browser tests start themselves: a foreign host page (an
//! origin with none of our headers, to embed a widget from) and a plain static server for
//! the published folder.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::time::Duration;

use crate::TIMEOUT;

/// Serves `html` as every page of a new origin, `http://localhost:<free port>/`, and returns
/// that base URL: a stand-in for somebody else's course site, with no policy or headers of
/// ours, from which a test embeds our widget. It answers until the test process ends.
pub fn foreign_host(html: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("no free local port for the host page");
    let port = listener.local_addr().expect("the host page's port").port();
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{html}",
        html.len()
    );
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let reply = reply.clone();
            // One thread per connection: the browser may open a connection it never uses.
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(TIMEOUT));
                // Read the request head, then answer with the page whatever was asked.
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
                    head.push(byte[0]);
                }
                if !head.is_empty() {
                    let _ = stream.write_all(reply.as_bytes());
                }
            });
        }
    });
    format!("http://localhost:{port}/")
}

/// A plain static file server, like a host that serves a published folder: files by path
/// under `prefix` (e.g. `/ninestep/`, as GitHub project pages are served), a `Content-Type`
/// from the extension and nothing else (no special headers, no index pages, no rewrites).
/// Every request it answered with 404 is kept, so a test can say which URL was wrong.
pub struct StaticServer {
    /// The site's address, ending in `/`.
    pub url: String,
    missing: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

fn content_type(path: &std::path::Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn answer(mut stream: TcpStream, root: &std::path::Path, prefix: &str) -> Option<String> {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let target = head.split_whitespace().nth(1)?.to_string();
    let path = target.split(['?', '#']).next().unwrap_or("");
    let file = path
        .strip_prefix(prefix)
        .filter(|rel| {
            !rel.split('/')
                .any(|part| part == ".." || part.contains('%'))
        })
        .map(|rel| root.join(rel))
        .filter(|f| f.is_file());
    let (status, body, kind) = match file.as_ref().and_then(|f| std::fs::read(f).ok()) {
        Some(body) => ("200 OK", body, file.as_deref().map_or("", content_type)),
        None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    let _ = stream.write_all(&body);
    (status != "200 OK").then_some(target)
}

impl StaticServer {
    /// Serves `root` at `http://127.0.0.1:<free port><prefix>` until the process ends.
    pub fn start(root: PathBuf, prefix: &'static str) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port for the static server");
        let port = listener.local_addr().expect("its address").port();
        let missing = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = std::sync::Arc::clone(&missing);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, log) = (root.clone(), std::sync::Arc::clone(&log));
                std::thread::spawn(move || {
                    if let Some(target) = answer(stream, &root, prefix) {
                        if let Ok(mut log) = log.lock() {
                            log.push(target);
                        }
                    }
                });
            }
        });
        StaticServer {
            url: format!("http://127.0.0.1:{port}{prefix}"),
            missing,
        }
    }

    /// The URLs answered with 404 so far.
    pub fn missing(&self) -> Vec<String> {
        self.missing.lock().map(|m| m.clone()).unwrap_or_default()
    }
}
