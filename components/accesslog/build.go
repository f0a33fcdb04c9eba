package accesslog

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Field is one value in a format: a name (a JSON key or XML element; ignored by CLF and CSV) and the
// variable that fills it.
type Field struct {
	Name string
	Var  Var
}

// XMLRoot is the root element [Build] gives XML formats, as in the AWS developer guide.
const XMLRoot = "request"

var xmlNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

// Build writes a one-line format in shape from fields, in order. Every variable gets its catalogue layout:
//   - CLF: space-separated; $context.requestTime in brackets and free-text values (user agent, error
//     messages) in double quotes, so a parser can find where they end;
//   - CSV: comma-separated, free-text values in double quotes;
//   - JSON: {"name":"$context.x",…}, every variable quoted except $context.error.messageString, which
//     brings its own quotes;
//   - XML: <request><name>$context.x</name>…</request>; a name starting with "@" becomes an attribute of
//     the root (@id gives <request id="…">).
//
// Build checks names and that each variable is in the catalogue; check the result for an API type with
// [Validate].
func Build(shape Shape, fields ...Field) (string, error) {
	if len(fields) == 0 {
		return "", errors.New("build: no fields: give at least $context.requestId")
	}
	seen := map[string]bool{}
	infos := make([]Info, len(fields))
	for i, f := range fields {
		toks, _ := scan(string(f.Var))
		if len(toks) != 1 || toks[0].start != 0 || toks[0].end != len(f.Var) || toks[0].root != "" || toks[0].bare {
			return "", fmt.Errorf("build: field %q: %q is not one $context variable", f.Name, f.Var)
		}
		info, ok := f.Var.Info()
		if !ok {
			return "", fmt.Errorf("build: field %q: %s is not in the catalogue of access-log variables", f.Name, f.Var)
		}
		infos[i] = info
		if shape != JSON && shape != XML {
			continue
		}
		if f.Name == "" {
			return "", fmt.Errorf("build: field for %s has no name: %s fields need one", f.Var, shape)
		}
		if seen[f.Name] {
			return "", fmt.Errorf("build: field name %q is used twice: %s names must be unique", f.Name, shape)
		}
		seen[f.Name] = true
		if shape == XML && !xmlNameRE.MatchString(strings.TrimPrefix(f.Name, "@")) {
			return "", fmt.Errorf("build: field name %q is not an XML name: use letters, digits, _ . - and start "+
				"with a letter or _ (@ first for an attribute)", f.Name)
		}
	}
	var b strings.Builder
	switch shape {
	case CLF, CSV:
		sep := " "
		if shape == CSV {
			sep = ","
		}
		for i, f := range fields {
			if i > 0 {
				b.WriteString(sep)
			}
			switch {
			case shape == CLF && f.Var == RequestTime:
				b.WriteString("[" + string(f.Var) + "]")
			case infos[i].FreeText && infos[i].Kind != Quoted:
				b.WriteString(`"` + string(f.Var) + `"`)
			default:
				b.WriteString(string(f.Var))
			}
		}
	case JSON:
		b.WriteByte('{')
		for i, f := range fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + jsonEscape(f.Name) + `":`)
			if infos[i].Kind == Quoted {
				b.WriteString(string(f.Var))
			} else {
				b.WriteString(`"` + string(f.Var) + `"`)
			}
		}
		b.WriteByte('}')
	case XML:
		b.WriteString("<" + XMLRoot)
		for _, f := range fields {
			if name, ok := strings.CutPrefix(f.Name, "@"); ok {
				b.WriteString(" " + name + `="` + string(f.Var) + `"`)
			}
		}
		b.WriteByte('>')
		for _, f := range fields {
			if !strings.HasPrefix(f.Name, "@") {
				b.WriteString("<" + f.Name + ">" + string(f.Var) + "</" + f.Name + ">")
			}
		}
		b.WriteString("</" + XMLRoot + ">")
	default:
		return "", fmt.Errorf("build: shape %d is not one of CLF, JSON, CSV, XML", int(shape))
	}
	return b.String(), nil
}
