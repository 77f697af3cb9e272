//! Tests against a real socket.
#![allow(clippy::unwrap_used)]

use super::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::AtomicUsize;

/// A scratch directory `<tmp>/ninestep-devserver-<pid>-<n>/` holding `www/` and a secret
/// file next to it (outside the served root).
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "ninestep-devserver-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let www = dir.join("www");
        std::fs::create_dir_all(www.join("pkg")).unwrap();
        std::fs::create_dir_all(www.join("lessons")).unwrap();
        std::fs::write(www.join("index.html"), "<h1>home</h1>").unwrap();
        std::fs::write(www.join("pkg/ninestep_web.js"), "export {};").unwrap();
        std::fs::write(www.join("pkg/ninestep_web_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(www.join("style.css"), "body{}").unwrap();
        std::fs::write(www.join("lessons/index.html"), "lessons").unwrap();
        std::fs::write(www.join("lessons/a b.html"), "spaced").unwrap();
        std::fs::write(www.join("weights.bin"), [1u8, 2, 3]).unwrap();
        std::fs::write(dir.join("secret.txt"), "top secret").unwrap();
        Scratch(dir)
    }
    fn www(&self) -> PathBuf {
        self.0.join("www")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh scratch directory and a server on its `www/` at a free port (the directory
/// lives as long as the first value).
fn served() -> (Scratch, Server) {
    let scratch = Scratch::new();
    let server = spawn(scratch.www(), "127.0.0.1:0").unwrap();
    (scratch, server)
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends a raw HTTP/1.1 request (the path is sent verbatim, unnormalised).
fn request(server: &Server, method: &str, path: &str) -> Reply {
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

fn get(server: &Server, path: &str) -> Reply {
    request(server, "GET", path)
}

#[test]
fn serves_files_with_mime_types_and_headers() {
    let (_scratch, server) = served();
    assert_ne!(server.port(), 0);
    assert_eq!(server.url(), format!("http://127.0.0.1:{}/", server.port()));

    let cases = [
        ("/index.html", "text/html; charset=utf-8"),
        ("/pkg/ninestep_web.js", "text/javascript; charset=utf-8"),
        ("/pkg/ninestep_web_bg.wasm", "application/wasm"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/weights.bin", "application/octet-stream"),
    ];
    for (path, mime) in cases {
        let reply = get(&server, path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("Content-Type"), Some(mime), "{path}");
        assert_eq!(reply.header("Cache-Control"), Some("no-store"), "{path}");
        assert_eq!(
            reply.header("Access-Control-Allow-Origin"),
            Some("*"),
            "{path}"
        );
    }
    assert_eq!(
        get(&server, "/pkg/ninestep_web_bg.wasm").body,
        b"\0asm\x01\0\0\0"
    );
    assert_eq!(get(&server, "/weights.bin?v=3").body, [1, 2, 3]);
    assert_eq!(get(&server, "/lessons/a%20b.html").body, b"spaced");
}

#[test]
fn directories_serve_index_html() {
    let (_scratch, server) = served();
    let home = get(&server, "/");
    assert_eq!(home.status, 200);
    assert_eq!(home.body, b"<h1>home</h1>");
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(get(&server, "/lessons/").body, b"lessons");
    let redirect = get(&server, "/lessons?x=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("Location"), Some("/lessons/?x=1"));
}

#[test]
fn missing_files_are_404() {
    let (_scratch, server) = served();
    let reply = get(&server, "/nope.js");
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(String::from_utf8_lossy(&reply.body).contains("404"));
    assert_eq!(
        get(&server, "/pkg/").status,
        404,
        "directory without index.html"
    );
}

#[test]
fn path_traversal_is_refused() {
    let (_scratch, server) = served();
    // Every way out of www/ that a request line can spell: plain and percent-encoded dots
    // and slashes (either case), backslashes, and a NUL byte that could cut a path short.
    for path in [
        "/../secret.txt",
        "/pkg/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "/%2E%2E%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/pkg/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/index.html%00.png",
        "/%00",
    ] {
        let reply = get(&server, path);
        assert_eq!(reply.status, 403, "{path}");
        assert!(
            !String::from_utf8_lossy(&reply.body).contains("top secret"),
            "{path}"
        );
        // Refusals carry the same security headers as pages.
        assert_eq!(
            reply.header("Content-Security-Policy"),
            Some(CONTENT_SECURITY_POLICY),
            "{path}"
        );
    }
    // A name that merely contains dots is an ordinary (here missing) file.
    assert_eq!(get(&server, "/...").status, 404);
    assert_eq!(get(&server, "/a..b.html").status, 404);
}

#[test]
fn every_response_carries_the_security_headers() {
    let (_scratch, server) = served();
    let replies = [
        ("GET /", get(&server, "/")),
        ("GET /style.css", get(&server, "/style.css")),
        (
            "GET /pkg/ninestep_web_bg.wasm",
            get(&server, "/pkg/ninestep_web_bg.wasm"),
        ),
        ("404", get(&server, "/nope.html")),
        ("301", get(&server, "/lessons")),
        ("405", request(&server, "POST", "/")),
        ("OPTIONS", request(&server, "OPTIONS", "/")),
    ];
    for (what, reply) in &replies {
        let csp = reply.header("Content-Security-Policy");
        assert_eq!(csp, Some(CONTENT_SECURITY_POLICY), "{what}");
        assert_eq!(
            reply.header("Referrer-Policy"),
            Some(REFERRER_POLICY),
            "{what}"
        );
        assert_eq!(
            reply.header("Cross-Origin-Opener-Policy"),
            Some("same-origin"),
            "{what}"
        );
        assert_eq!(reply.header("X-Content-Type-Options"), Some("nosniff"));
        // Embedding stays possible: no framing ban, and our modules load from any origin.
        assert_eq!(reply.header("X-Frame-Options"), None, "{what}");
        assert_eq!(reply.header("Access-Control-Allow-Origin"), Some("*"));
    }
}

#[test]
fn the_policy_forbids_inline_code_but_allows_wasm_workers_and_framing() {
    let directives: Vec<Vec<&str>> = CONTENT_SECURITY_POLICY
        .split(';')
        .map(|d| d.split_whitespace().collect())
        .collect();
    let sources = |name: &str| -> Vec<&str> {
        directives
            .iter()
            .find(|d| d.first() == Some(&name))
            .map(|d| d[1..].to_vec())
            .unwrap_or_else(|| panic!("no {name} directive in {CONTENT_SECURITY_POLICY}"))
    };
    assert_eq!(sources("script-src"), ["'self'", "'wasm-unsafe-eval'"]);
    assert_eq!(sources("worker-src"), ["'self'", "blob:"]);
    assert_eq!(sources("style-src"), ["'self'"]);
    // Style attributes only (plotters measures text with one); never scripts.
    assert_eq!(sources("style-src-attr"), ["'unsafe-inline'"]);
    assert_eq!(sources("object-src"), ["'none'"]);
    for d in &directives {
        if d.first() != Some(&"style-src-attr") {
            assert!(!d.contains(&"'unsafe-inline'"), "{d:?}");
        }
        for banned in ["'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:"] {
            assert!(!d.contains(&banned), "{banned} in {d:?}");
        }
    }
    // Directives a <meta> policy cannot carry would make the page copies differ.
    for header_only in ["frame-ancestors", "report-uri", "sandbox"] {
        assert!(!CONTENT_SECURITY_POLICY.contains(header_only));
    }
}
#[cfg(unix)]
#[test]
fn symlinks_out_of_the_root_are_refused() {
    let (scratch, server) = served();
    std::os::unix::fs::symlink(scratch.0.join("secret.txt"), scratch.www().join("link.txt"))
        .unwrap();
    assert_eq!(get(&server, "/link.txt").status, 403);
}

#[test]
fn head_and_other_methods() {
    let (_scratch, server) = served();
    let head = request(&server, "HEAD", "/style.css");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("Content-Length"), Some("6"));
    assert!(head.body.is_empty());
    assert_eq!(request(&server, "POST", "/style.css").status, 405);
    let options = request(&server, "OPTIONS", "/pkg/ninestep_web.js");
    assert_eq!(options.status, 204);
    assert_eq!(options.header("Access-Control-Allow-Origin"), Some("*"));
}

#[test]
fn shutdown_stops_listening() {
    let (_scratch, server) = served();
    let addr = server.addr();
    assert_eq!(get(&server, "/").status, 200);
    server.shutdown();
    // The accept thread closes the listener shortly after; poll for it.
    let closed = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(20));
        TcpStream::connect(addr).is_err()
    });
    assert!(closed, "still accepting connections after shutdown");
}

#[test]
fn missing_root_is_an_error() {
    let err = spawn(PathBuf::from("/definitely/not/here"), "127.0.0.1:0").unwrap_err();
    assert!(err.to_string().contains("/definitely/not/here"));
}

#[test]
fn resolve_rejects_traversal_without_a_socket() {
    let scratch = Scratch::new();
    let root = scratch.www().canonicalize().unwrap();
    assert_eq!(
        files::resolve(&root, "/"),
        files::Target::File(root.join("index.html"))
    );
    assert_eq!(
        files::resolve(&root, "/a/../../x"),
        files::Target::Forbidden
    );
    assert_eq!(files::resolve(&root, "/%zz"), files::Target::NotFound);
    assert_eq!(mime_type(Path::new("font.WOFF2")), "font/woff2");
    assert_eq!(mime_type(Path::new("a.svg")), "image/svg+xml");
    assert_eq!(mime_type(Path::new("data.json")), "application/json");
}
