//! The details document of a mission, the rules shared by the server and
//! the editor: a PDF recognised by its content, at most [`MAX_BYTES`].
//! Storage and serving are in `backend::documents`.

use crate::error::AppError;

/// 5 MB, the cap the issue sets.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// Why a document is refused, with the message shown next to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentProblem {
    Missing,
    NotPdf,
    TooLarge,
}

impl DocumentProblem {
    pub const ALL: [DocumentProblem; 3] = [Self::Missing, Self::NotPdf, Self::TooLarge];

    /// The code carried in the editor's address after a post without JavaScript.
    pub fn code(self) -> &'static str {
        match self {
            Self::Missing => "vide",
            Self::NotPdf => "non_pdf",
            Self::TooLarge => "trop_lourd",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::Missing => "Choisissez un fichier PDF à joindre.",
            Self::NotPdf => {
                "Ce fichier n’est pas un PDF valide. Enregistrez votre document au format PDF, puis joignez-le de nouveau."
            }
            Self::TooLarge => "Ce fichier dépasse 5 Mo. Réduisez sa taille (images compressées, moins de pages), puis joignez-le de nouveau.",
        }
    }

    /// A field error on `document`, shown next to the file input.
    pub fn error(self) -> AppError {
        AppError::invalid(
            [("document".to_string(), self.message().to_string())].into(),
            Default::default(),
        )
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// Checks the bytes are a PDF: the `%PDF-` header with a version, and the
/// `%%EOF` marker near the end (what every PDF reader looks for).
pub fn check_pdf(bytes: &[u8]) -> Result<(), DocumentProblem> {
    if bytes.is_empty() {
        return Err(DocumentProblem::Missing);
    }
    if bytes.len() > MAX_BYTES {
        return Err(DocumentProblem::TooLarge);
    }
    let header_ok = bytes.len() > 8
        && bytes.starts_with(b"%PDF-")
        && bytes[5].is_ascii_digit()
        && bytes[6] == b'.'
        && bytes[7].is_ascii_digit();
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let eof_ok = tail.windows(5).any(|w| w == b"%%EOF");
    if header_ok && eof_ok {
        Ok(())
    } else {
        Err(DocumentProblem::NotPdf)
    }
}

/// The label shown for the document: the sender's file name, reduced to a
/// readable base name, and its size in French.
pub fn label_for(original_name: &str, size: usize) -> String {
    let base = original_name.rsplit(['/', '\\']).next().unwrap_or_default();
    let base: String = crate::validate::clean(base)
        .chars()
        .filter(|c| !c.is_control())
        .take(100)
        .collect();
    let base = base.trim();
    let name = if base.is_empty() {
        "Document de présentation"
    } else {
        base
    };
    format!("{name} — PDF, {}", size_fr(size))
}

/// "850 ko", "1,2 Mo".
pub fn size_fr(size: usize) -> String {
    if size < 1024 * 1024 {
        format!("{} ko", size.div_ceil(1024).max(1))
    } else {
        let tenths = (size * 10).div_ceil(1024 * 1024);
        format!("{},{} Mo", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

    #[test]
    fn a_pdf_is_recognised_by_its_content() {
        assert_eq!(check_pdf(PDF), Ok(()));
        assert_eq!(check_pdf(b""), Err(DocumentProblem::Missing));
        assert_eq!(
            check_pdf(b"<html><script>alert(1)</script></html>"),
            Err(DocumentProblem::NotPdf)
        );
        // A header alone, or a header without a version, is not enough.
        assert_eq!(check_pdf(b"%PDF-1.4\nno end"), Err(DocumentProblem::NotPdf));
        assert_eq!(check_pdf(b"%PDF-x.y\n%%EOF"), Err(DocumentProblem::NotPdf));
        let mut big = PDF.to_vec();
        big.resize(MAX_BYTES + 1, b' ');
        assert_eq!(check_pdf(&big), Err(DocumentProblem::TooLarge));
        let mut exact = b"%PDF-1.7\n".to_vec();
        exact.resize(MAX_BYTES - 6, b' ');
        exact.extend_from_slice(b"%%EOF\n");
        assert_eq!(exact.len(), MAX_BYTES);
        assert_eq!(check_pdf(&exact), Ok(()));
    }

    #[test]
    fn labels_keep_a_readable_base_name() {
        assert_eq!(
            label_for("../../etc/Fiche détaillée.pdf", 2048),
            "Fiche détaillée.pdf — PDF, 2 ko"
        );
        assert_eq!(
            label_for("C:\\Users\\x\\note\u{202e}fdp.pdf", 1),
            "notefdp.pdf — PDF, 1 ko"
        );
        assert_eq!(
            label_for("", 3 * 1024 * 1024 / 2),
            "Document de présentation — PDF, 1,5 Mo"
        );
        assert_eq!(label_for(&"a".repeat(500), 10).chars().count(), 100 + 12);
    }
}
