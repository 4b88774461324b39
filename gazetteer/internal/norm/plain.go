package norm

import (
	"unicode"
	"unicode/utf8"
)

// AppendPlain appends name as English news and ACLED write it: Latin
// letters without their diacritics, case kept ("Ḩamāh" -> "Hamah",
// "Şanlıurfa" -> "Sanliurfa"), and the marks that transliterate the
// Arabic ayn and hamza dropped ("Ma‘arrat an Nu‘mān" -> "Maarrat an
// Numan", "Ma’rib" -> "Marib"), but not an English possessive ("Cox’s
// Bāzār" -> "Cox's Bazar") nor a plain ASCII apostrophe, which names
// written in English already carry ("Dar'a"). Other scripts are kept.
func AppendPlain(dst []byte, name string) []byte {
	for i := 0; i < len(name); {
		c := name[i]
		if c < utf8.RuneSelf {
			i++
			if c != '`' { // GeoNames' ASCII ayn
				dst = append(dst, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(name[i:])
		i += n
		switch r {
		case '‘', 'ʿ', 'ʻ', 'ʾ', 'ʼ':
			continue
		case '’':
			if possessive(name[i:]) {
				dst = append(dst, '\'')
			}
			continue
		}
		f, ok := foldLatin(r)
		if !ok || f == "" {
			dst = utf8.AppendRune(dst, r)
			continue
		}
		if unicode.IsUpper(r) {
			dst = append(dst, f[0]-'a'+'A')
			f = f[1:]
		}
		dst = append(dst, f...)
	}
	return dst
}

// possessive reports whether rest, what follows an apostrophe, is the s
// of an English possessive: "s" and then the end of a word.
func possessive(rest string) bool {
	if len(rest) == 0 || rest[0] != 's' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest[1:])
	return len(rest) == 1 || !unicode.IsLetter(r)
}
