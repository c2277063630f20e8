//! "Chia sẻ bài viết qua email": the rules for the form, checked the same way in the browser
//! (before sending) and on the server (always).

use serde::{Deserialize, Serialize};

pub const INVALID_EMAIL: &str = crate::mail::EMAIL_INVALID;

/// Which fields were rejected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareErrors {
    pub from: bool,
    pub to: bool,
}

impl ShareErrors {
    pub fn any(&self) -> bool {
        self.from || self.to
    }
}

/// What the article page shows after a share posted without JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Returned {
    /// These addresses were refused.
    Fields(ShareErrors),
    /// The form's answer (see `mail::notice`), and whether it is a success.
    Notice { message: &'static str, ok: bool },
}

/// The code of refused addresses in the query string.
pub fn result_code(errors: ShareErrors) -> &'static str {
    match (errors.from, errors.to) {
        (true, false) => "loi-tu",
        (false, true) => "loi-den",
        _ => "loi-ca-hai",
    }
}

/// Reads back `result_code` or a `mail::notice_code`.
pub fn parse_returned(code: &str) -> Option<Returned> {
    match code {
        "loi-tu" => Some(Returned::Fields(ShareErrors { from: true, to: false })),
        "loi-den" => Some(Returned::Fields(ShareErrors { from: false, to: true })),
        "loi-ca-hai" => Some(Returned::Fields(ShareErrors { from: true, to: true })),
        other => crate::mail::notice(other).map(|(message, ok)| Returned::Notice { message, ok }),
    }
}

/// An address people can actually receive mail at: RFC 5322 syntax (checked by the
/// `email_address` crate) and a domain with a dot, at most 254 characters.
pub fn is_valid_email(address: &str) -> bool {
    let address = address.trim();
    if address.is_empty() || address.len() > 254 {
        return false;
    }
    let Ok(parsed) = address.parse::<email_address::EmailAddress>() else {
        return false;
    };
    let domain = parsed.domain();
    domain.contains('.') && !domain.starts_with('[') && !domain.ends_with('.')
}

pub fn validate(from: &str, to: &str) -> ShareErrors {
    ShareErrors { from: !is_valid_email(from), to: !is_valid_email(to) }
}

/// Percent-encodes a value for a query string (everything but unreserved characters).
pub fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        assert!(is_valid_email("banbientap.hdnd@binhduong.gov.vn"));
        assert!(is_valid_email("  nguyen.van.a+tin@gmail.com "));
    }

    #[test]
    fn rejects_what_cannot_receive_mail() {
        for bad in ["", "abc", "a@", "@b.vn", "a@localhost", "a b@c.vn", "a@b.vn.", "a@@b.vn"] {
            assert!(!is_valid_email(bad), "{bad:?} should be rejected");
        }
        assert!(!is_valid_email(&format!("{}@b.vn", "a".repeat(260))));
    }

    #[test]
    fn url_encoding_keeps_paths_readable() {
        assert_eq!(url_encode("/bai-viet/de-an?x=1&y"), "/bai-viet/de-an%3Fx%3D1%26y");
    }

    #[test]
    fn returned_codes_round_trip() {
        for errors in [
            ShareErrors { from: true, to: false },
            ShareErrors { from: false, to: true },
            ShareErrors { from: true, to: true },
        ] {
            assert_eq!(parse_returned(result_code(errors)), Some(Returned::Fields(errors)));
        }
        assert_eq!(
            parse_returned("chua-gui"),
            Some(Returned::Notice { message: crate::mail::NOT_CONFIGURED, ok: true })
        );
        assert_eq!(parse_returned("bogus"), None);
    }

    #[test]
    fn validate_reports_each_field() {
        assert_eq!(validate("a@b.vn", "x"), ShareErrors { from: false, to: true });
        assert!(!validate("a@b.vn", "c@d.vn").any());
    }
}
