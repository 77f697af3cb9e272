//! # ninestep-e2e
//!
//! Harness for the browser tests of the ninestep pages: starts `chromedriver`, opens a
//! headless Chromium session on the page server given by `NINESTEP_URL`, and offers the
//! few helpers the tests need (wait for a JS condition, read console errors, count the
//! painted pixels of a canvas, save screenshots to `NINESTEP_SCREENSHOTS`).
//!
//! Run through `cargo xtask test`, which builds `www/`, serves it and sets both variables.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};

mod servers;
use serde_json::{json, Value as Json};
pub use servers::{foreign_host, StaticServer};

/// Chromium binary (Debian's `chromium` package).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// How long a page may take to reach a state the test waits for.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// How long one navigation may take before it is retried once.
pub const PAGE_LOAD: Duration = Duration::from_secs(45);
/// Width of the browser window, in CSS pixels.
pub const WIDTH: u32 = 1280;

/// Base URL of the served `www/` folder, ending in `/`.
pub fn base_url() -> String {
    match std::env::var("NINESTEP_URL") {
        Ok(url) if !url.is_empty() => {
            if url.ends_with('/') {
                url
            } else {
                format!("{url}/")
            }
        }
        _ => panic!(
            "NINESTEP_URL is not set: run the browser tests with `cargo xtask test` \
             (it builds www/, serves it and points the tests at it)"
        ),
    }
}

/// Folder for screenshots (`NINESTEP_SCREENSHOTS`, else a temp folder).
pub fn screenshot_dir() -> PathBuf {
    std::env::var_os("NINESTEP_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("ninestep-screenshots"))
}

fn chromedriver_path() -> PathBuf {
    std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free local port for chromedriver")
}

/// Chromedriver's legacy log endpoint (`POST /session/{id}/se/log {"type": "browser"}`):
/// returns and clears the browser's console entries, uncaught exceptions included.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or("")))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"type": "browser"}).to_string()),
        )
    }
}

/// The chromedriver process and the Chromium profile folder; both are cleaned up on drop,
/// even when a test panics.
struct Driver {
    child: Child,
    port: u16,
    profile: PathBuf,
    session: Option<String>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Ask chromedriver to quit Chromium (a plain blocking DELETE; we may be panicking
        // outside any async context), then stop chromedriver itself.
        if let Some(id) = self.session.take() {
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", self.port)) {
                let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
                let req = format!(
                    "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    self.port
                );
                if s.write_all(req.as_bytes()).is_ok() {
                    let mut sink = Vec::new();
                    let _ = s.read_to_end(&mut sink);
                }
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A headless Chromium session.
pub struct Browser {
    /// The fantoccini client, for anything the helpers don't cover.
    pub client: Client,
    base: String,
    driver: Driver,
}

static PROFILES: AtomicUsize = AtomicUsize::new(0);

impl Browser {
    /// Starts chromedriver on a free port and opens a fresh headless Chromium session on
    /// the page server of `NINESTEP_URL`.
    pub async fn start() -> Browser {
        Browser::start_at(base_url()).await
    }

    /// Like [`Browser::start`], for the site at `base` (ending in `/`).
    pub async fn start_at(base: String) -> Browser {
        let port = free_port();
        let profile = std::env::temp_dir().join(format!(
            "ninestep-e2e-{}-{}",
            std::process::id(),
            PROFILES.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).expect("cannot create a Chromium profile folder");
        let child = Command::new(chromedriver_path())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start chromedriver (apt-get install chromium-driver)");
        let mut driver = Driver {
            child,
            port,
            profile,
            session: None,
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < TIMEOUT,
                "chromedriver did not start listening on port {port}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    "--force-device-scale-factor=1", "--lang=en-US",
                    format!("--window-size={WIDTH},1800"),
                    format!("--user-data-dir={}", driver.profile.display()),
                ],
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({"browser": "ALL"}));
        // Navigation returns at DOMContentLoaded: every test then waits for the state it
        // needs (widgets ready, frames rendered). Waiting for the full load event also
        // waited for iframes and late subresources, and once hung a CI run for chromedriver's
        // whole 300 s page-load timeout on the embedding demo.
        caps.insert("pageLoadStrategy".into(), json!("eager"));
        caps.insert(
            "timeouts".into(),
            json!({"pageLoad": PAGE_LOAD.as_millis() as u64, "script": 30_000}),
        );
        // Starting Chromium on a loaded 2-core machine can fail once; retry, and say so.
        let mut attempt = 0;
        let client = loop {
            attempt += 1;
            let connected =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                    .capabilities(caps.clone())
                    .connect(&format!("http://127.0.0.1:{port}"))
                    .await;
            match connected {
                Ok(client) => break client,
                Err(e) if attempt < 3 => {
                    eprintln!("e2e: opening a Chromium session failed ({e}); retrying");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                Err(e) => panic!("cannot open a Chromium session through chromedriver: {e}"),
            }
        };
        driver.session = client.session_id().await.ok().flatten();
        Browser {
            client,
            base,
            driver,
        }
    }

    /// Closes the session (Chromium quits); chromedriver stops when `self` drops.
    pub async fn finish(mut self) {
        if self.client.clone().close().await.is_ok() {
            self.driver.session = None;
        }
    }

    /// The absolute URL of `path` (relative to `www/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    /// Opens `path` (relative to `www/`) as a fresh page load, after draining old console
    /// entries. (Passing through about:blank makes a link that differs only in its hash
    /// load the page again instead of just scrolling.)
    pub async fn goto(&self, path: &str) {
        let _ = self.client.goto("about:blank").await;
        self.console_errors().await;
        let url = self.url(path);
        if let Err(first) = self.client.goto(&url).await {
            // One retry after a stuck navigation (reported, so it is not silent).
            eprintln!("e2e: opening {url} failed ({first}); retrying once");
            let _ = self.client.goto("about:blank").await;
            self.client
                .goto(&url)
                .await
                .unwrap_or_else(|e| panic!("cannot open {url} (twice): {first} / {e}"));
        }
    }

    /// Runs `script` (a function body; use `return`) in the page and returns its value.
    pub async fn js(&self, script: &str) -> Json {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Waits until the JS expression `condition` is truthy, or panics after [`TIMEOUT`]
    /// with `what` and the page's widget messages.
    pub async fn wait_for(&self, condition: &str, what: &str) {
        let script = format!("try {{ return !!({condition}); }} catch (e) {{ return false; }}");
        let started = Instant::now();
        loop {
            if self.js(&script).await == Json::Bool(true) {
                return;
            }
            if started.elapsed() > TIMEOUT {
                let messages = self
                    .js("return [...document.querySelectorAll('.nw-message, .error-banner')].map(m => m.textContent)")
                    .await;
                panic!(
                    "timed out waiting for {what} ({condition}); messages on the page: {messages}"
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until every `<ninestep-widget>` of the current document has rendered.
    pub async fn wait_widgets_ready(&self, what: &str) {
        self.wait_for(
            "(() => { const w = [...document.querySelectorAll('ninestep-widget')]; \
             return w.length > 0 && w.every(e => e.dataset.ready === 'true'); })()",
            what,
        )
        .await;
    }

    /// Console errors and uncaught exceptions since the last call (entries of level
    /// SEVERE), failed requests included (every page links its favicon, so the browser's
    /// own `/favicon.ico` request is an error too).
    pub async fn console_errors(&self) -> Vec<String> {
        let log = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("cannot read the browser log from chromedriver");
        log.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .filter_map(|e| e["message"].as_str())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `(non-white pixels, all pixels)` of the canvas matching `selector`.
    pub async fn canvas_ink(&self, selector: &str) -> (u64, u64) {
        let sel = serde_json::to_string(selector).unwrap_or_default();
        let v = self
            .js(&format!(
                "const c = document.querySelector({sel}); if (!c || !c.width || !c.height) return [0, 0];
                 const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                 let ink = 0;
                 for (let i = 0; i < d.length; i += 4)
                   if (d[i + 3] > 0 && (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245)) ink++;
                 return [ink, c.width * c.height];"
            ))
            .await;
        (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0))
    }

    /// Saves a full-page PNG as `<NINESTEP_SCREENSHOTS>/<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        self.screenshot_at(name, WIDTH).await
    }

    /// Lays the page out `width` CSS pixels wide (390: a phone), waits for the widgets to
    /// redraw, saves a full-page PNG as `<NINESTEP_SCREENSHOTS>/<name>.png`, and restores
    /// the usual width.
    pub async fn screenshot_at(&self, name: &str, width: u32) -> PathBuf {
        if width != WIDTH {
            let _ = self.client.set_window_size(width, 1800).await;
            tokio::time::sleep(Duration::from_millis(600)).await;
        }
        let path = self.full_page(name, width).await;
        if width != WIDTH {
            let _ = self.client.set_window_size(WIDTH, 1800).await;
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        path
    }

    async fn full_page(&self, name: &str, width: u32) -> PathBuf {
        let height = self
            .js("return Math.ceil(document.documentElement.scrollHeight)")
            .await
            .as_u64()
            .unwrap_or(1800)
            .clamp(600, 12_000) as u32;
        // Grow the window to the whole page (only the height changes, so no widget
        // re-lays out its chart), take the picture, and restore the window.
        let _ = self.client.set_window_size(width, height + 120).await;
        tokio::time::sleep(Duration::from_millis(150)).await;
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot {name} failed: {e}"));
        let _ = self.client.set_window_size(width, 1800).await;
        let dir = screenshot_dir();
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        path
    }

    /// Clicks the element matching `selector`.
    pub async fn click(&self, selector: &str) {
        self.client
            .find(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("no element {selector}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {selector}: {e}"));
    }

    /// The text contents of all elements matching `selector`.
    pub async fn texts(&self, selector: &str) -> Vec<String> {
        let sel = serde_json::to_string(selector).unwrap_or_default();
        let v = self
            .js(&format!(
                "return [...document.querySelectorAll({sel})].map(e => e.textContent.trim())"
            ))
            .await;
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Asserts that the page logged no console error and threw no uncaught exception.
    pub async fn assert_no_console_errors(&self, page: &str) {
        let errors = self.console_errors().await;
        assert!(errors.is_empty(), "{page}: console errors: {errors:#?}");
    }
}

/// The lesson pages as `(slug, step)`, read from `content/lessons.toml` (the list the
/// xtask renders), so a new lesson is tested the moment it is published.
pub fn lessons() -> Vec<(String, u32)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../content/lessons.toml");
    let text = std::fs::read_to_string(path).expect("content/lessons.toml");
    let mut out: Vec<(String, u32)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(v) = line.strip_prefix("slug") {
            let slug = v.trim_start_matches([' ', '=']).trim().trim_matches('"');
            out.push((slug.to_string(), 0));
        } else if let Some(v) = line.strip_prefix("step") {
            let step = v
                .trim_start_matches([' ', '='])
                .trim()
                .parse()
                .expect("step number");
            if let Some(last) = out.last_mut() {
                last.1 = step;
            }
        }
    }
    assert!(out.len() >= 5, "lessons.toml lists the lessons");
    out
}

/// Clicks the language switch and waits until the page is in `lang`.
pub async fn switch_language(b: &Browser, lang: &str) {
    b.click(".lang-switch").await;
    b.wait_for(
        &format!("document.documentElement.dataset.lang === '{lang}'"),
        "the language switch",
    )
    .await;
}

/// The published copy of the site (`NINESTEP_SITE`, written by `cargo xtask test` with
/// `cargo xtask pages --out`).
pub fn published_site() -> PathBuf {
    match std::env::var_os("NINESTEP_SITE") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => panic!(
            "NINESTEP_SITE is not set: run the browser tests with `cargo xtask test` \
             (it publishes the site with `cargo xtask pages --out` and points the tests at it)"
        ),
    }
}
