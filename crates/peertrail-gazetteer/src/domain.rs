//! Host extraction for [`crate::Gazetteer::by_domain`]: accepts a bare host
//! or a URL and returns the lower-cased host name.

/// The host of `input`, which may be a bare host (`harlow.gov.uk`), a host
/// with a path, or a full URL with scheme, user, port, query or fragment.
pub(crate) fn host_of(input: &str) -> Option<String> {
    let mut s = input.trim();
    if let Some(at) = s.find("://") {
        s = &s[at + 3..];
    } else if let Some(rest) = s.strip_prefix("//") {
        s = rest;
    }
    let end = s.find(['/', '?', '#']).unwrap_or(s.len());
    s = &s[..end];
    if let Some(at) = s.rfind('@') {
        s = &s[at + 1..];
    }
    if let Some(colon) = s.find(':') {
        s = &s[..colon];
    }
    let host = s.trim_end_matches('.').to_ascii_lowercase();
    let valid = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    valid.then_some(host)
}

/// The host and each parent domain, most specific first:
/// `a.b.gov.uk`, `b.gov.uk`, `gov.uk`, `uk`.
pub(crate) fn suffixes(host: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(host), |h| h.find('.').map(|dot| &h[dot + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_hosts() {
        assert_eq!(
            host_of("https://democracy.harlow.gov.uk/mgAi.aspx?ID=1").as_deref(),
            Some("democracy.harlow.gov.uk")
        );
        assert_eq!(
            host_of("WWW.Harlow.gov.uk.").as_deref(),
            Some("www.harlow.gov.uk")
        );
        assert_eq!(
            host_of("http://user@go.walsall.gov.uk:8080/x").as_deref(),
            Some("go.walsall.gov.uk")
        );
        assert_eq!(host_of("not a host"), None);
        let all: Vec<_> = suffixes("a.b.gov.uk").collect();
        assert_eq!(all, ["a.b.gov.uk", "b.gov.uk", "gov.uk", "uk"]);
    }
}
