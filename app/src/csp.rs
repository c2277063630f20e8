//! The Content-Security-Policy (server only): scripts only from this origin, plus the one
//! inline script Leptos writes to start hydration, which carries this response's nonce (never
//! `unsafe-inline`); WebAssembly may be compiled; frames only YouTube's no-cookie player (which
//! a visitor starts by clicking); and no site may frame the portal.
//!
//! Styles may be inline: the editor reads what is pasted from Word (full of `<style>` blocks
//! and `style` attributes) with the browser's HTML parser, whose document inherits this policy,
//! and keeps none of it (nor does the server's sanitiser). Refusing them would only fill the
//! console with reports; scripts are what the policy is for.

/// The policy for a page whose inline scripts carry `nonce` (None: a response with no inline
/// script at all).
pub fn policy(nonce: Option<&str>) -> String {
    with_inline_scripts(&nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default())
}

/// The policy for a page kept in a cache, where one response's nonce would be every reader's:
/// its inline scripts are allowed by their hashes (`'sha256-…'`) instead.
pub fn policy_for_scripts(hashes: &[String]) -> String {
    with_inline_scripts(&hashes.iter().map(|h| format!(" {h}")).collect::<String>())
}

fn with_inline_scripts(sources: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self'{sources} 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; \
         frame-src https://www.youtube-nocookie.com; frame-ancestors 'none'; base-uri 'self'; \
         form-action 'self'; object-src 'none'"
    )
}

/// Puts the policy with this response's nonce on the page being rendered. Called from the
/// document shell, which exists only on the server.
pub fn send_for_page() {
    use leptos::prelude::use_context;
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    if let (Some(res), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), axum::http::HeaderValue::from_str(&policy(nonce.as_deref())))
    {
        res.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The `script-src` directive of a policy.
pub fn script_sources(policy: &str) -> &str {
    policy.split(';').map(str::trim).find(|d| d.starts_with("script-src")).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_need_the_nonce_and_nobody_frames_the_portal() {
        let p = policy(Some("abc"));
        assert!(p.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        assert!(!script_sources(&p).contains("unsafe-inline"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(p.contains("frame-src https://www.youtube-nocookie.com;"));
        assert!(!policy(None).contains("nonce"));
        let kept = policy_for_scripts(&["'sha256-x'".to_string(), "'sha256-y'".to_string()]);
        assert!(kept.contains("script-src 'self' 'sha256-x' 'sha256-y' 'wasm-unsafe-eval';"));
    }
}
