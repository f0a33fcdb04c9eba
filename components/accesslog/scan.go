package accesslog

import "strings"

// Shape is the layout of a format: the four shapes the AWS developer guide documents.
type Shape int

// The shapes.
const (
	// CLF is Common Log Format-style text: values separated by spaces, brackets and quotes.
	CLF Shape = iota
	// JSON is a JSON object on one line.
	JSON
	// CSV is values separated by commas.
	CSV
	// XML is one XML element on one line.
	XML
)

// String returns the shape's name: "CLF", "JSON", "CSV" or "XML".
func (s Shape) String() string {
	switch s {
	case CLF:
		return "CLF"
	case JSON:
		return "JSON"
	case CSV:
		return "CSV"
	case XML:
		return "XML"
	}
	return "Shape(?)"
}

// token is one variable reference in a format.
type token struct {
	start, end int    // byte offsets of the whole reference, from its "$"
	name       string // after "$context.", such as "identity.sourceIp"
	root       string // the root as written when it is not exactly "context": "Context", "input", "util"…
	inString   bool   // inside a JSON string literal (JSON shape only)
	bare       bool   // "$context" with no ".name" after it
}

// vtlRoots are the mapping-template roots other than $context; access logs accept none of them.
var vtlRoots = []string{"input", "util", "stageVariables", "method"}

func isIdent(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// scan finds the variable references in format and its shape. It never fails: problems are left on the
// tokens for the validator.
func scan(format string) ([]token, Shape) {
	shape := CLF
	switch t := strings.TrimLeft(format, " \t\r\n"); {
	case strings.HasPrefix(t, "{"):
		shape = JSON
	case strings.HasPrefix(t, "<"):
		shape = XML
	}
	var toks []token
	inString := false
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '$' {
			if shape == JSON {
				switch {
				case c == '"':
					inString = !inString
				case c == '\\' && inString:
					i++ // skip the escaped character
				}
			}
			continue
		}
		tok, ok := scanVar(format, i)
		if !ok {
			continue
		}
		tok.inString = inString
		toks = append(toks, tok)
		i = tok.end - 1
	}
	if shape == CLF && isCSV(format, toks) {
		shape = CSV
	}
	return toks, shape
}

// scanVar reads the reference that starts at format[i] == '$'.
func scanVar(format string, i int) (token, bool) {
	j := i + 1
	for j < len(format) && isIdent(format[j]) {
		j++
	}
	root := format[i+1 : j]
	switch {
	case root == "context", strings.EqualFold(root, "context"):
	case isVTLRoot(root):
		// Read the rest of the reference so the error can quote it.
		end := readPath(format, j)
		return token{start: i, end: end, root: root, name: strings.TrimPrefix(format[j:end], ".")}, true
	default:
		return token{}, false
	}
	tok := token{start: i, end: j}
	if root != "context" {
		tok.root = root
	}
	end := readPath(format, j)
	if end == j {
		tok.bare = true
		return tok, true
	}
	tok.name = format[j+1 : end]
	tok.end = end
	if p, _ := matchPattern(tok.name); p != nil && p.header || headerLike(tok.name) {
		// Header names hold hyphens: $context.requestOverride.header.x-request-id.
		for end < len(format) && (isIdent(format[end]) || format[end] == '-') {
			end++
		}
		tok.name, tok.end = format[j+1:end], end
	}
	return tok, true
}

// readPath reads ".segment.segment…" from format[j] and returns where it ends; a dot not followed by an
// identifier character (the end of a sentence) is not part of it.
func readPath(format string, j int) int {
	end := j
	for end+1 < len(format) && format[end] == '.' && isIdent(format[end+1]) {
		end++
		for end < len(format) && isIdent(format[end]) {
			end++
		}
	}
	return end
}

// headerLike reports whether the segment before the last one reads like "header", so a misspelt override
// such as requestOverride.headers.x-id keeps its hyphens for the "did you mean".
func headerLike(name string) bool {
	segs := strings.Split(name, ".")
	return len(segs) >= 3 && strings.HasPrefix(strings.ToLower(segs[len(segs)-2]), "header")
}

func isVTLRoot(root string) bool {
	for _, r := range vtlRoots {
		if root == r {
			return true
		}
	}
	return false
}

// isCSV reports whether the text between variables is only commas (and quotes around the variables).
func isCSV(format string, toks []token) bool {
	if len(toks) < 2 {
		return false
	}
	for k := 1; k < len(toks); k++ {
		gap := strings.Trim(format[toks[k-1].end:toks[k].start], `"`)
		if gap != "," {
			return false
		}
	}
	return true
}

// DetectShape reports the shape of format: JSON when it starts with "{", XML with "<", CSV when only commas
// separate its variables, CLF-style text otherwise.
func DetectShape(format string) Shape {
	_, shape := scan(format)
	return shape
}

// VarsOf lists the variables a format refers to, in order, as written (unknown ones included, so a caller
// can check them with [Var.Info]).
func VarsOf(format string) []Var {
	toks, _ := scan(format)
	out := make([]Var, 0, len(toks))
	for _, t := range toks {
		if t.root == "" && !t.bare {
			out = append(out, Var(contextPrefix+t.name))
		}
	}
	return out
}
