package accesslog

import (
	"strings"
	"unicode/utf8"
)

// UnlistedExample is the value [Sample] and [Estimate] give a variable the catalogue does not list (one
// [Validate] accepts with a warning): "-", what API Gateway writes for a value it does not have [S].
const UnlistedExample = "-"

// Render writes the log line format would give when each variable holds value(v), for api. Values are
// escaped for where they sit: inside a JSON string (JSON formats) as JSON string content, anywhere in an XML
// format as XML text; elsewhere they are written as they are. Render fails, with the same message as
// [Validate], on a variable Validate refuses (a likely typo, or one for other API types only); it calls value
// for a variable the catalogue does not list too. It drops the one newline allowed at the end.
//
// Whether API Gateway itself escapes values is not documented [U]: a user agent holding a double quote may
// break a JSON line in real logs. Render shows what a well-formed line looks like.
func Render(format string, api APIType, value func(Var) string) (string, error) {
	var ps problems
	if !api.valid() {
		return "", validate(format, api, nil)
	}
	body := strings.TrimSuffix(format, "\n")
	toks, shape := scan(body)
	for _, t := range toks {
		checkToken(&ps, body, t, api)
	}
	if err := ps.err(); err != nil {
		return "", err
	}
	return render(body, toks, shape, func(t token) string { return value(Var(contextPrefix + t.name)) }), nil
}

// Sample renders format for api with the catalogue's example values, and [UnlistedExample] for a variable
// the catalogue does not list: what one line of the access log will look like.
func Sample(format string, api APIType) (string, error) {
	return Render(format, api, exampleOrUnlisted)
}

func exampleOrUnlisted(v Var) string {
	if m, ok := lookup(v.Name()); ok {
		return m.example()
	}
	return UnlistedExample
}

// render writes body with each token replaced by value(token), escaped for its place.
func render(body string, toks []token, shape Shape, value func(token) string) string {
	var b strings.Builder
	b.Grow(len(body) + len(toks)*16)
	last := 0
	for _, t := range toks {
		b.WriteString(body[last:t.start])
		v := value(t)
		switch {
		case shape == JSON && t.inString:
			writeJSONEscaped(&b, v)
		case shape == XML:
			writeXMLEscaped(&b, v)
		default:
			b.WriteString(v)
		}
		last = t.end
	}
	b.WriteString(body[last:])
	return b.String()
}

const hexDigits = "0123456789abcdef"

// writeJSONEscaped writes s as the content of a JSON string: quotes, backslashes and control characters
// escaped, everything else (HTML characters included) as it is, invalid UTF-8 as U+FFFD.
func writeJSONEscaped(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
			b.WriteString(s[last:i])
			b.WriteString(`\ufffd`)
			i++
			last = i
			continue
		}
		b.WriteString(s[last:i])
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
		}
		i++
		last = i
	}
	b.WriteString(s[last:])
}

func jsonEscape(s string) string {
	var b strings.Builder
	writeJSONEscaped(&b, s)
	return b.String()
}

// writeXMLEscaped writes s as XML text or attribute content. Characters XML 1.0 forbids become U+FFFD.
func writeXMLEscaped(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		case '\t':
			b.WriteString("&#x9;")
		default:
			if !isXMLChar(r) {
				r = utf8.RuneError
			}
			b.WriteRune(r)
		}
	}
}

// isXMLChar is the Char production of XML 1.0.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
