//! Page names and anchors derived from ids: readable, injective, and always
//! a safe relative path whatever the id holds.

/// The longest encoded id kept whole; longer ones are cut and hashed.
const MAX_NAME: usize = 150;

/// `id` with every byte outside `[a-z0-9-]` written as `_xx` (hex), so
/// different ids give different names and a name never leaves its folder.
/// A very long id keeps its first 100 bytes and a hash of the whole.
pub fn encode(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 8);
    for b in id.bytes() {
        if b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("_{b:02x}"));
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    if out.len() > MAX_NAME {
        out.truncate(100);
        out.push_str(&format!("_h{:016x}", fnv1a(id.as_bytes())));
    }
    out
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The page of a council, relative to the report folder.
pub fn council_page(council: &str) -> String {
    format!("councils/{}.html", encode(council))
}

/// The place of a review on its council's page.
pub fn review_href(council: &str, review: &str) -> String {
    format!("{}#{}", council_page(council), encode(review))
}

/// The page of a recommendation, relative to the report folder.
pub fn recommendation_page(rec: &str) -> String {
    format!("recommendations/{}.html", encode(rec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_readable_safe_and_distinct() {
        assert_eq!(
            recommendation_page("corrington/2019-09-cpc#r2"),
            "recommendations/corrington_2f2019-09-cpc_23r2.html"
        );
        assert_ne!(encode("a/b"), encode("a_2fb"));
        for id in ["../../etc", ".x", "", "a\\b", "é"] {
            let e = encode(id);
            assert!(!e.starts_with('.') && !e.contains(['/', '\\', '.']), "{e}");
        }
        let long = "x".repeat(400);
        assert!(encode(&long).len() < 130);
        assert_ne!(encode(&long), encode(&"x".repeat(401)));
    }
}
