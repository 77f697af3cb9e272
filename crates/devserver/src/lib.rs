//! A small static file server for the `www/` directory, built on [`tiny_http`].
//!
//! It is used by `cargo xtask serve` and by the browser tests. Every response carries
//! `Cache-Control: no-store` (so a rebuilt `www/pkg` is always picked up) and
//! `Access-Control-Allow-Origin: *` (so pages on other origins can embed the widget module).
//!
//! Every response also carries the site's security headers: the [`CONTENT_SECURITY_POLICY`]
//! (no inline script, no inline event handlers, no `<style>` blocks; each HTML page repeats it in a
//! `<meta http-equiv>` so it also holds on a plain static host), a [`REFERRER_POLICY`] and
//! `Cross-Origin-Opener-Policy: same-origin`. None of them stops embedding: the policy has no
//! `frame-ancestors`, there is no `X-Frame-Options`, and a script or module a foreign page loads
//! from us runs under that page's policy, not ours.
//!
//! ```no_run
//! let server = ninestep_devserver::spawn("www".into(), "127.0.0.1:0")?;
//! println!("serving {}", server.url());
//! # Ok::<(), std::io::Error>(())
//! ```

mod files;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

pub use files::mime_type;

/// The Content Security Policy of the site, sent on every response and repeated as
/// `<meta http-equiv="Content-Security-Policy">` in every HTML page of `www/` (the xtask's
/// tests check that the two agree).
///
/// Scripts come only from our origin, as files: no inline `<script>`, no `onclick=`-style
/// handlers, no `eval` (`'wasm-unsafe-eval'` lets the page compile our WebAssembly). The
/// playground's training worker starts from a `blob:` module (see `www/js/trainer.js`).
/// Stylesheets come only from our origin: no `<style>` blocks. Style *attributes* are allowed
/// (`style-src-attr`): plotters measures chart text by giving a hidden `<span>` a `style="…"`
/// (its web font backend, `plotters/src/style/font/web.rs`), and a style cannot run script nor,
/// with `img-src`/`font-src`/`connect-src` held to our origin, send anything elsewhere. Our own
/// pages have none (the xtask's page check refuses them). `frame-ancestors` is deliberately
/// absent: embedding our pages in an iframe on any site is a feature.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
    script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self'; \
    style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'none'";

/// The `Referrer-Policy`: other sites we link to see our origin, never a page's address.
pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";

/// Number of threads answering requests.
const WORKERS: usize = 4;

/// A running server. It stops when dropped or when [`Server::shutdown`] is called.
pub struct Server {
    http: Arc<tiny_http::Server>,
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

/// Starts serving the files under `root` on `addr` (for example `"127.0.0.1:8000"`; port 0 picks
/// a free port) in background threads.
///
/// Fails if `root` is not a directory or the address cannot be bound.
pub fn spawn(root: PathBuf, addr: &str) -> io::Result<Server> {
    let root = root
        .canonicalize()
        .map_err(|e| io::Error::new(e.kind(), format!("cannot serve {}: {e}", root.display())))?;
    if !root.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("cannot serve {}: not a directory", root.display()),
        ));
    }
    let http = tiny_http::Server::http(addr)
        .map_err(|e| io::Error::new(io::ErrorKind::AddrNotAvailable, format!("{addr}: {e}")))?;
    let addr = http
        .server_addr()
        .to_ip()
        .ok_or_else(|| io::Error::other("server is not listening on an IP address"))?;
    let http = Arc::new(http);
    let stopping = Arc::new(AtomicBool::new(false));
    let root = Arc::new(root);
    let mut workers = Vec::with_capacity(WORKERS);
    for i in 0..WORKERS {
        let http = Arc::clone(&http);
        let stopping = Arc::clone(&stopping);
        let root = Arc::clone(&root);
        let worker = std::thread::Builder::new()
            .name(format!("devserver-{i}"))
            .spawn(move || loop {
                match http.recv() {
                    Ok(request) => files::answer(&root, request),
                    // `recv` fails both when unblocked by `shutdown` and on accept errors;
                    // only the former ends the worker.
                    Err(_) if stopping.load(Ordering::SeqCst) => break,
                    Err(_) => {}
                }
            })?;
        workers.push(worker);
    }
    Ok(Server {
        http,
        addr,
        stopping,
        workers,
    })
}

impl Server {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port the server listens on (useful after binding port 0).
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The base URL, e.g. `http://127.0.0.1:8000/`. A wildcard bind address is shown as
    /// `127.0.0.1`.
    pub fn url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(IpAddr::V4(Ipv4Addr::LOCALHOST));
        }
        format!("http://{addr}/")
    }

    /// Blocks the calling thread for as long as the server runs (until the process is
    /// interrupted, e.g. by Ctrl-C).
    pub fn wait(mut self) {
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }

    /// Stops the server and waits for its worker threads to finish.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Each `unblock` wakes exactly one thread waiting in `recv`.
        for _ in &self.workers {
            self.http.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("addr", &self.addr).finish()
    }
}

#[cfg(test)]
mod tests;
