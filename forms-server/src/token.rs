//! Access tokens of submissions: what the confirmation shows once, and what the status page
//! asks for. A token is the HMAC-SHA256 of the reference number under the server's secret
//! (`FORMS_TOKEN_SECRET`, shared by every replica), in hex; the database keeps only its
//! SHA-256. Deriving it means a repeated submission (same `Idempotency-Key`) can be answered
//! with the same token without the token ever being stored.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The access token of the submission with this reference.
pub fn access_token(secret: &[u8], reference: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(b"forms access token\0");
    mac.update(reference.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// The status token of the submission with this reference: what a payment's return code is
/// redeemed for. It opens the status page and the payment (nothing that later needs the access
/// token, such as the answers), and is derived like the access token under another label.
pub fn status_token(secret: &[u8], reference: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(b"forms status token\0");
    mac.update(reference.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// What is stored of a token: the hex SHA-256 of it.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The hex SHA-256 of any text (request bodies, for idempotency).
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// Whether two hashes are equal, in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh random token of 32 bytes in hex (resume tokens, administration tokens, secrets).
pub fn random_hex() -> String {
    hex(&random_secret())
}

/// A fresh random secret, for a server started without `FORMS_TOKEN_SECRET` (tokens then
/// stop working when it restarts; replicas must share a configured secret).
pub fn random_secret() -> Vec<u8> {
    let mut secret = vec![0u8; 32];
    getrandom::fill(&mut secret).expect("the operating system gives random bytes");
    secret
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 2 ("Jefe", "what do ya want for nothing?"), through the same crate.
    #[test]
    fn hmac_sha256_matches_rfc_4231() {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").expect("key");
        mac.update(b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac.finalize().into_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn tokens_depend_on_the_secret_and_the_reference() {
        let token = access_token(b"secret", "2026-000001-77");
        assert_eq!(token.len(), 64);
        assert_eq!(token, access_token(b"secret", "2026-000001-77"));
        assert_ne!(token, access_token(b"other", "2026-000001-77"));
        assert_ne!(token, access_token(b"secret", "2026-000002-50"));
        let status = status_token(b"secret", "2026-000001-77");
        assert_eq!(status.len(), 64);
        assert_ne!(status, token);
        assert_ne!(status, status_token(b"secret", "2026-000002-50"));
        assert!(same(&token_hash(&token), &token_hash(&token)));
        assert!(!same(&token_hash(&token), &token_hash("x")));
        assert!(!same("ab", "abc"));
        assert_ne!(random_secret(), random_secret());
    }
}
