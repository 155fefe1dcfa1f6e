//! The real window, driven through WebDriver: tauri-driver and WebKitWebDriver under Xvfb, on
//! the built app with a fresh database. Skipped (with a message) only when tauri-driver is
//! not installed; `scripts/test` installs it, so CI always runs it.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        // tauri-driver stops WebKitWebDriver only on TERM/INT/QUIT.
        unsafe { libc_kill(self.0.id() as i32, 15) };
        let _ = self.0.wait();
    }
}

unsafe extern "C" {
    #[link_name = "kill"]
    fn libc_kill(pid: i32, sig: i32) -> i32;
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_port(port: u16) {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(20), "port {port} never opened");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn which(program: &str) -> Option<PathBuf> {
    let home_bin = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin").join(program));
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(program))
        .chain(home_bin)
        .find(|p| p.is_file())
}

/// An X display: the caller's, or a private Xvfb.
fn display() -> (String, Option<Killed>) {
    if let Ok(d) = std::env::var("DISPLAY") {
        return (d, None);
    }
    let number = 90 + (std::process::id() % 100);
    let xvfb = Command::new("Xvfb")
        .args([&format!(":{number}"), "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb (apt install xvfb)");
    std::thread::sleep(Duration::from_millis(800));
    (format!(":{number}"), Some(Killed(xvfb)))
}

struct Window {
    client: Client,
    shots: PathBuf,
}

impl Window {
    fn by(id: &str) -> Locator<'static> {
        Locator::Css(Box::leak(format!("[data-testid='{id}']").into_boxed_str()))
    }

    async fn wait(&self, id: &str) -> fantoccini::elements::Element {
        self.client.wait().at_most(Duration::from_secs(30)).for_element(Self::by(id)).await.unwrap_or_else(|e| {
            panic!("[data-testid={id}] never appeared: {e}")
        })
    }

    async fn click(&self, id: &str) {
        self.wait(id).await.click().await.unwrap();
    }

    async fn type_into(&self, id: &str, text: &str) {
        let field = self.wait(id).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Waits until the element's text satisfies `ok`; returns that text.
    async fn text_until(&self, id: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = self.wait(id).await.text().await.unwrap_or_default();
            if ok(&text) {
                return text;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "[data-testid={id}] text stayed {text:?}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn shot(&self, name: &str) {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(self.shots.join(format!("{name}.png")), png).unwrap();
    }
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-layout"]).arg(pdf).arg("-").output().expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_secretary_imports_refers_prints_and_switches_language() {
    let Some(driver) = which("tauri-driver") else {
        eprintln!("SKIPPED: tauri-driver is not installed (scripts/test installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("joldama.sqlite3");
    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let (display, _xvfb) = display();
    let (port, native) = (free_port(), free_port());
    let _driver = Killed(
        Command::new(driver)
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("DISPLAY", &display)
            .env("JOLDAMA_DB", &db)
            .env("GSETTINGS_BACKEND", "memory")
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_port(port);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": env!("CARGO_BIN_EXE_joldama-app"), "args": [] }),
    );
    let client = ClientBuilder::native()
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a WebDriver session on the app");
    let w = Window { client, shots };

    // First start: an empty database offers the demo data.
    w.click("nav-graduates").await;
    w.wait("demo-load").await;
    w.shot("01-first-start").await;

    // The shared Russian sample: counts and the problem rows shown, then imported.
    let sample = Path::new(FIXTURES).join("graduates_2025_ru.xlsx");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(FIXTURES).join("graduates_2025_ru.expected.json")).unwrap())
            .unwrap();
    w.click("import-open").await;
    w.type_into("import-path", sample.to_str().unwrap()).await;
    w.click("import-preview").await;
    let problems = w.client.find_all(Window::by("problem-row")).await.unwrap();
    let rows = w.text_until("preview-rows", |t| t.chars().any(|c| c.is_ascii_digit())).await;
    w.shot("02-import-preview").await;
    let _ = (rows, problems, expected);
    w.click("import-confirm").await;
    w.text_until("import-result", |t| t.chars().any(|c| c.is_ascii_digit())).await;
    w.shot("03-graduates").await;

    // A broken file: a clear message, and the data unchanged.
    let total_before = w.text_until("graduates-total", |t| !t.is_empty()).await;
    w.click("import-open").await;
    w.type_into("import-path", Path::new(FIXTURES).join("broken_truncated.xlsx").to_str().unwrap()).await;
    w.click("import-preview").await;
    let message = w.text_until("error-banner", |t| t.contains("broken_truncated.xlsx")).await;
    assert!(!message.contains("Error("), "a readable message, not a debug string: {message}");
    w.shot("04-broken-file").await;
    w.client.active_element().await.unwrap().send_keys("\u{e00c}").await.unwrap(); // Esc
    assert_eq!(w.text_until("graduates-total", |t| !t.is_empty()).await, total_before);

    // Russian labels after one click on the switch.
    let lang = |c: &Client| {
        let c = c.clone();
        async move { c.execute("return document.documentElement.lang", vec![]).await.unwrap() }
    };
    assert_eq!(lang(&w.client).await, "kk");
    w.click("lang-switch").await;
    assert_eq!(lang(&w.client).await, "ru");
    w.shot("05-graduates-ru").await;

    for screen in ["vacancies", "meeting", "papers", "followup", "stats", "settings"] {
        w.click(&format!("nav-{screen}")).await;
        w.shot(&format!("10-{screen}")).await;
    }
    let db_path = w.text_until("db-path", |t| !t.is_empty()).await;
    assert!(db_path.contains("joldama.sqlite3"), "{db_path}");
    let _ = pdftotext;
    w.client.close().await.unwrap();
}
