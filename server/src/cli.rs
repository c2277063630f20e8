//! The command line: serving, and managing accounts.

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "server", about = "Cổng thông tin điện tử HĐND tỉnh Bình Dương", after_help = include_str!("usage.txt"))]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Chạy cổng thông tin (mặc định)
    Serve,
    /// Quản lý tài khoản biên tập
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Tạo tài khoản; không có --password thì đọc mật khẩu từ đầu vào chuẩn
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long)]
        password: Option<String>,
    },
    /// Đặt lại mật khẩu (kết thúc mọi phiên đăng nhập của tài khoản)
    ResetPassword {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: Option<String>,
    },
    /// Khóa tài khoản (kết thúc mọi phiên đăng nhập)
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Mở khóa tài khoản
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Liệt kê tài khoản
    List,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RoleArg {
    Editor,
    Admin,
}

impl From<RoleArg> for app::auth::Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Editor => app::auth::Role::Editor,
            RoleArg::Admin => app::auth::Role::Admin,
        }
    }
}

/// The password from the flag, or the first line of standard input.
pub fn password_or_stdin(password: Option<String>) -> std::io::Result<String> {
    if let Some(p) = password {
        return Ok(p);
    }
    eprintln!("Nhập mật khẩu (một dòng):");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Runs an account command against the pool; returns what to print.
pub async fn run_user(pool: &sqlx::SqlitePool, command: UserCommand) -> Result<String, Box<dyn std::error::Error>> {
    use app::data::accounts;
    Ok(match command {
        UserCommand::Add { email, role, password } => {
            let password = password_or_stdin(password)?;
            accounts::add_user(pool, &email, role.into(), &password).await?;
            format!("Đã tạo tài khoản {} ({}).", accounts::normalise_email(&email), app::auth::Role::from(role).label())
        }
        UserCommand::ResetPassword { email, password } => {
            let password = password_or_stdin(password)?;
            accounts::reset_password(pool, &email, &password).await?;
            format!("Đã đặt lại mật khẩu cho {email}.")
        }
        UserCommand::Disable { email } => {
            accounts::set_disabled(pool, &email, true).await?;
            format!("Đã khóa tài khoản {email}.")
        }
        UserCommand::Enable { email } => {
            accounts::set_disabled(pool, &email, false).await?;
            format!("Đã mở khóa tài khoản {email}.")
        }
        UserCommand::List => accounts::list_users(pool)
            .await?
            .into_iter()
            .map(|u| format!("{}\t{}{}", u.email, u.role, if u.disabled { "\t(đã khóa)" } else { "" }))
            .collect::<Vec<_>>()
            .join("\n"),
    })
}
