//! The real server binary, over plain HTTP/1.1: started on a data directory of its own,
//! killed when dropped.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child server process, killed (SIGKILL) when dropped so that a failing test leaves none.
pub struct Portal {
    pub child: Child,
    pub port: u16,
    pub log: PathBuf,
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The server binary with a data directory of its own and nothing inherited that could
/// point it elsewhere.
pub fn server_command(data_dir: &Path) -> Command {
    let site = data_dir.join("site");
    std::fs::create_dir_all(&site).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.current_dir(data_dir)
        .env_remove("DATABASE_URL")
        .env("DATA_DIR", data_dir)
        .env("DEMO_CONTENT", "1")
        .env("LEPTOS_OUTPUT_NAME", "hdnd")
        .env("LEPTOS_SITE_ROOT", &site)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null());
    cmd
}

/// Runs a command-line command of the server; returns (success, stdout, stderr).
pub fn server_cli(data_dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = server_command(data_dir).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Starts the portal on `data_dir` and waits until it answers.
pub fn start(data_dir: &Path, log_name: &str) -> Portal {
    start_with(data_dir, log_name, &[])
}

/// The same, with more environment variables.
pub fn start_with(data_dir: &Path, log_name: &str, env: &[(&str, &str)]) -> Portal {
    let port = free_port();
    let log = data_dir.join(log_name);
    let file = std::fs::File::create(&log).unwrap();
    let child = server_command(data_dir)
        .envs(env.iter().copied())
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .spawn()
        .unwrap();
    let mut portal = Portal { child, port, log };
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if let Some(status) = portal.child.try_wait().unwrap() {
            panic!("the server stopped ({status}): {}", std::fs::read_to_string(&portal.log).unwrap_or_default());
        }
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return portal;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not start: {}",
            std::fs::read_to_string(&portal.log).unwrap()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// One request on its own connection. A reply counts only if it arrived whole: a status line,
/// headers and the complete body (by its length, or the last chunk); anything less — a server
/// killed half-way — is an error.
pub fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> std::io::Result<Reply> {
    use std::io::{Error, ErrorKind};
    let cut = || Error::new(ErrorKind::UnexpectedEof, "incomplete reply");
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(cut)?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).ok_or_else(cut)?;
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    let mut reply = Reply { status, headers, body: String::new() };
    let rest = &raw[end + 4..];
    let body = if reply.header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        let mut body = Vec::new();
        let mut at = 0;
        loop {
            let line_end = rest[at..].windows(2).position(|w| w == b"\r\n").ok_or_else(cut)? + at;
            let size_text = String::from_utf8_lossy(&rest[at..line_end]).into_owned();
            let size =
                usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16).map_err(|_| cut())?;
            at = line_end + 2;
            if size == 0 {
                break;
            }
            body.extend_from_slice(rest.get(at..at + size).ok_or_else(cut)?);
            at += size + 2;
        }
        body
    } else if let Some(length) = reply.header("content-length") {
        let length: usize = length.parse().map_err(|_| cut())?;
        rest.get(..length).ok_or_else(cut)?.to_vec()
    } else {
        rest.to_vec()
    };
    reply.body = String::from_utf8_lossy(&body).into_owned();
    Ok(reply)
}
