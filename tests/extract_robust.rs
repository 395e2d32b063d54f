//! Bad input never panics: extraction over arbitrary text (with the words and signs citations
//! are made of) returns spans that lie on char boundaries inside the text.

use normbase::extract::extract;
use normbase::model::{Language, Span};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "2019 жылғы 11 сәуірдегі", "№", " 37/НҚ", " бұйрығына", " бұйрығымен", " (", ")", "\"", "«", "»", " тізілімінде № 18523 болып тіркелген",
    " Заңының", " 17-бабының", " 2-тармағына", " сәйкес", " күші жойылды деп танылсын", "Ескерту. ", " от 11 апреля 2019 года",
    " приказ", "Признать утратившим силу", " 01.01.2026", " Осы бұйрық", " қолданысқа енгізіледі", " кемінде 80%", " = ", " × ",
    "\n", "  ", ".", ";", ":", " мынадай редакцияда жазылсын:", " осы тармақтың 1) және", "ә", "i", " 5", "-", "/",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..260).prop_map(|v| v.concat())
}

fn inside(span: Span, text: &str) -> bool {
    span.start <= span.end && span.end <= text.len() && text.is_char_boundary(span.start) && text.is_char_boundary(span.end)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn extraction_never_panics_and_spans_fit(text in text(), russian in any::<bool>()) {
        let language = Some(if russian { Language::Russian } else { Language::Kazakh });
        let out = extract(&text, &[], language);
        for r in &out.references {
            prop_assert!(inside(r.span, &text), "{:?}", r.span);
        }
        for e in &out.effective {
            prop_assert!(inside(e.span, &text));
        }
        for a in &out.amendments {
            prop_assert!(inside(a.span, &text));
        }
        for f in &out.facts {
            prop_assert!(inside(f.span, &text));
        }
        if let Some(span) = out.act.span {
            prop_assert!(inside(span, &text));
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,2000}") {
        let _ = extract(&text, &[], Some(Language::Kazakh));
        let _ = extract(&text, &[], None);
    }
}
