//! The command line: serving, managing accounts, maintenance, backups.

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
    /// Sinh dữ liệu thử tải (mặc định 100.000 bản ghi) rồi dựng lại chỉ mục tìm kiếm
    Generate {
        #[arg(long, default_value_t = 100_000)]
        count: u64,
    },
    /// Đo thời gian tìm kiếm và tải danh sách trên dữ liệu hiện có
    Bench,
    /// Dựng lại chỉ mục tìm kiếm
    Reindex,
    /// Đặt số ngày tối đa để trả lời kiến nghị cử tri (quá hạn thì được đánh dấu)
    AnswerDays { days: u32 },
    /// Nén sẵn (brotli, gzip) các tệp đã dựng trong thư mục, chạy một lần khi dựng
    Precompress { dir: std::path::PathBuf },
    /// Sao lưu cơ sở dữ liệu và các tệp đã lưu vào một thư mục mới, trong khi cổng vẫn chạy
    Backup {
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Khôi phục từ một bản sao lưu (dừng cổng thông tin trước), thay cơ sở dữ liệu hiện có
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Xóa vĩnh viễn một tệp tài liệu đã lưu: gỡ khỏi mọi bản ghi, ghi lại lý do; địa chỉ tải về trả lời 410
    PurgeFile {
        /// Tên tệp đã lưu, dạng <sha256>.<đuôi> (phần cuối của địa chỉ /tai-lieu/…)
        name: String,
        /// Lý do xóa (được ghi lại)
        #[arg(long)]
        reason: String,
    },
    /// Liệt kê tệp đã lưu không còn được dùng (cũ hơn một giờ); với --apply thì xóa
    CleanFiles {
        /// Xóa thật (mặc định chỉ liệt kê)
        #[arg(long)]
        apply: bool,
    },
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

/// What a command writes, for the audit log (None: it writes no content or account, or it
/// logs itself, as a purge does).
fn audited_as(command: &Command) -> Option<(app::audit::Action, String)> {
    use app::audit::Action;
    Some(match command {
        Command::User(UserCommand::Add { email, role, .. }) => {
            (Action::AddAccount, format!("{email} ({})", app::auth::Role::from(*role).as_str()))
        }
        Command::User(UserCommand::ResetPassword { email, .. }) => (Action::ResetPassword, email.clone()),
        Command::User(UserCommand::Disable { email }) => (Action::DisableAccount, email.clone()),
        Command::User(UserCommand::Enable { email }) => (Action::EnableAccount, email.clone()),
        Command::AnswerDays { days } => (Action::Setting, format!("petition_answer_days={days}")),
        Command::CleanFiles { apply: true } => (Action::CleanFiles, String::new()),
        _ => return None,
    })
}

/// Runs a maintenance command (everything but `serve`); returns what to print. A command that
/// wrote is appended to the audit log as done from the command line.
pub async fn run_maintenance(pool: &sqlx::SqlitePool, command: Command) -> Result<String, Box<dyn std::error::Error>> {
    let audit = audited_as(&command);
    let printed = run_command(pool, command).await?;
    if let Some((action, target)) = audit {
        app::data::audit::record(pool, app::data::audit::Actor::CommandLine, action, &target).await?;
    }
    Ok(printed)
}

async fn run_command(pool: &sqlx::SqlitePool, command: Command) -> Result<String, Box<dyn std::error::Error>> {
    Ok(match command {
        Command::User(c) => run_user(pool, c).await?,
        Command::Generate { count } => {
            let index = crate::indexer::open(&crate::config::Config::from_env()?.data_dir, pool.clone())?;
            crate::generate::generate(pool, &index, count).await?
        }
        Command::Bench => {
            let data_dir = crate::config::Config::from_env()?.data_dir;
            let index = crate::indexer::open(&data_dir, pool.clone())?;
            index.catch_up().await?;
            crate::generate::bench(pool, &index, &data_dir).await?
        }
        Command::Reindex => {
            let index = crate::indexer::open(&crate::config::Config::from_env()?.data_dir, pool.clone())?;
            format!("Chỉ mục tìm kiếm có {} mục.", index.rebuild(&crate::indexer::progress_bar()).await?)
        }
        Command::AnswerDays { days } => {
            if days == 0 {
                return Err("Số ngày phải lớn hơn 0.".into());
            }
            sqlx::query("INSERT INTO settings (key, value) VALUES ('petition_answer_days', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                .bind(days.to_string())
                .execute(pool)
                .await?;
            format!("Kiến nghị chưa được trả lời sau {days} ngày sẽ được đánh dấu quá hạn.")
        }
        Command::PurgeFile { name, reason } => {
            let dir = crate::config::Config::from_env()?.data_dir.join("files");
            let by = app::data::audit::Actor::CommandLine;
            let detached = app::data::purge::purge(pool, &dir, &name, by, &reason).await?;
            format!("Đã xóa vĩnh viễn tệp {name} (gỡ khỏi {detached} bản ghi); /tai-lieu/{name} nay trả lời 410.")
        }
        Command::CleanFiles { apply } => {
            crate::clean_files::run(pool, &crate::config::Config::from_env()?.data_dir, apply).await?
        }
        // Handled in main: before the database is opened (precompress, restore), or with the
        // data directory (backup).
        Command::Serve | Command::Precompress { .. } | Command::Backup { .. } | Command::Restore { .. } => {
            String::new()
        }
    })
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
