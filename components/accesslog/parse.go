package accesslog

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Parser reads log lines written with one format. Make one with [NewParser] and reuse it: it compiles the
// format once. A Parser is safe for concurrent use.
type Parser struct {
	shape  Shape
	leaves []leaf
	fields []Field
}

// leaf is a place in a line that holds variables: a JSON value, an XML element's text or attribute, or for
// CLF and CSV the whole line. Its template is matched with a regular expression, one group per variable.
type leaf struct {
	path    string
	re      *regexp.Regexp
	names   []string // field names, one per group
	rawJSON bool     // a JSON value outside a string: the value is its JSON text
	whole   bool     // the place is exactly one variable: no regular expression needed
}

// Placeholders stand for variables while a format is taken apart; they use private-use characters, which
// formats do not contain (NewParser refuses one that does).
const (
	phOpen  = "\uE000"
	phClose = "\uE001"
)

var placeholderRE = regexp.MustCompile(phOpen + `(\d+)` + phClose)

// NewParser prepares to parse lines written with format. Field names are, for JSON, the key path joined with
// "." ("identity.sourceIp" for {"identity":{"sourceIp":…}}); for XML, the element path joined with "/"
// and "@name" for an attribute ("request/ip", "request/@id"); for CLF and CSV, the variable's name without
// "$context." ("identity.sourceIp"). A place holding two variables names each "<place>/<variable name>",
// and a name used twice gets "#2", "#3"….
func NewParser(format string) (*Parser, error) {
	body := strings.TrimSuffix(format, "\n")
	if strings.Contains(body, phOpen) || strings.Contains(body, phClose) {
		return nil, errors.New("parse: format holds U+E000 or U+E001, which the parser reserves")
	}
	toks, shape := scan(body)
	var vars []Var
	for _, t := range toks {
		if t.root != "" || t.bare {
			return nil, fmt.Errorf("parse: %q is not a $context variable", body[t.start:t.end])
		}
		vars = append(vars, Var(contextPrefix+t.name))
	}
	if len(vars) == 0 {
		return nil, errors.New("parse: format has no $context variables")
	}
	index := make(map[int]int, len(toks))
	for i, t := range toks {
		index[t.start] = i
	}
	template := render(body, toks, shape, func(t token) string {
		ph := phOpen + strconv.Itoa(index[t.start]) + phClose
		if shape == JSON && !t.inString {
			return `"` + ph + `"` // a JSON string, so the template parses
		}
		return ph
	})
	p := &Parser{shape: shape}
	places := map[string]string{}
	var order []string
	switch shape {
	case JSON:
		var v any
		d := json.NewDecoder(strings.NewReader(template))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			return nil, fmt.Errorf("parse: format is not JSON with its variables in place: %w", err)
		}
		if err := flattenJSON("", v, places, &order); err != nil {
			return nil, fmt.Errorf("parse: %w", err)
		}
	case XML:
		if err := flattenXML(template, places, &order); err != nil {
			return nil, fmt.Errorf("parse: format is not XML with its variables in place: %w", err)
		}
	default:
		places[""], order = template, []string{""}
	}
	used := map[string]int{}
	for _, path := range order {
		tpl := places[path]
		idx := placeholderRE.FindAllStringSubmatchIndex(tpl, -1)
		if len(idx) == 0 {
			continue
		}
		var re strings.Builder
		re.WriteString(`(?s)^`)
		l := leaf{path: path}
		last := 0
		for k, m := range idx {
			re.WriteString(regexp.QuoteMeta(tpl[last:m[0]]))
			last = m[1]
			n, _ := strconv.Atoi(tpl[m[2]:m[3]])
			v := vars[n]
			if len(idx) == 1 {
				re.WriteString(`(.*?)`)
			} else {
				next := len(tpl)
				if k+1 < len(idx) {
					next = idx[k+1][0]
				}
				re.WriteString(valueClass(v, tpl[m[1]:next]))
			}
			name := path
			switch {
			case path == "":
				name = v.Name()
			case len(idx) > 1:
				name = path + "/" + v.Name()
			}
			if used[name]++; used[name] > 1 {
				name += "#" + strconv.Itoa(used[name])
			}
			l.names = append(l.names, name)
			p.fields = append(p.fields, Field{Name: name, Var: v})
			if shape == JSON && len(idx) == 1 && !toks[n].inString {
				l.rawJSON = true
			}
		}
		re.WriteString(regexp.QuoteMeta(tpl[last:]))
		re.WriteString(`$`)
		if len(idx) == 1 && idx[0][0] == 0 && idx[0][1] == len(tpl) {
			l.whole = true
			p.leaves = append(p.leaves, l)
			continue
		}
		compiled, err := regexp.Compile(re.String())
		if err != nil {
			return nil, fmt.Errorf("parse: %w", err)
		}
		l.re = compiled
		p.leaves = append(p.leaves, l)
	}
	return p, nil
}

// valueClass is the pattern for v's value where several variables share a place, followed by the literal
// after: a value that is not free text stops at whitespace and at the literal's first character, unless the
// catalogue's example shows it can hold them ("GET /orders/{id}" for $context.routeKey). This is how
// "$context.httpMethod $context.routeKey $context.protocol" splits as it should.
func valueClass(v Var, after string) string {
	info, ok := v.Info()
	if !ok {
		info.Example = UnlistedExample // the value Sample gives it
	}
	if info.Kind == Quoted {
		return `(".*?")` // it brings its own quotes
	}
	if info.FreeText {
		return `(.*?)`
	}
	stop := " \t"
	if after != "" && after[0] < 0x80 {
		stop += after[:1]
	}
	var class strings.Builder
	for i := 0; i < len(stop); i++ {
		if !strings.Contains(info.Example, stop[i:i+1]) {
			fmt.Fprintf(&class, `\x{%x}`, stop[i])
		}
	}
	if class.Len() == 0 {
		return `(.*?)`
	}
	return `([^` + class.String() + `]*?)`
}

// Fields lists the fields a line yields, in the order of the format.
func (p *Parser) Fields() []Field { return slices.Clone(p.fields) }

// Shape is the format's shape.
func (p *Parser) Shape() Shape { return p.shape }

// Parse reads one line (a trailing newline is dropped) into field name → value. For a JSON variable
// outside a string ("status":$context.status) the value is its JSON text (200, or "-" with its quotes).
func (p *Parser) Parse(line string) (map[string]string, error) {
	line = strings.TrimSuffix(line, "\n")
	places := map[string]string{}
	switch p.shape {
	case JSON:
		var v any
		d := json.NewDecoder(strings.NewReader(line))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			return nil, fmt.Errorf("parse: line is not JSON: %w", err)
		}
		if d.More() {
			return nil, errors.New("parse: line has more after its JSON value")
		}
		return p.parseJSON(v)
	case XML:
		if err := flattenXML(line, places, nil); err != nil {
			return nil, fmt.Errorf("parse: line is not XML: %w", err)
		}
	default:
		places[""] = line
	}
	out := make(map[string]string, len(p.fields))
	for _, l := range p.leaves {
		s, ok := places[l.path]
		if !ok {
			return nil, fmt.Errorf("parse: line has no %s the format has", placeName(p.shape, l.path))
		}
		if err := l.match(p.shape, s, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parseJSON finds each leaf's value in a decoded line.
func (p *Parser) parseJSON(v any) (map[string]string, error) {
	out := make(map[string]string, len(p.fields))
	for _, l := range p.leaves {
		node, ok := jsonAt(v, l.path)
		if !ok {
			return nil, fmt.Errorf("parse: line has no %s the format has", placeName(JSON, l.path))
		}
		var s string
		switch t := node.(type) {
		case string:
			s = t
		case json.Number:
			s = t.String()
		case bool:
			s = strconv.FormatBool(t)
		case nil:
			s = "null"
		default:
			raw, err := marshalNoHTML(t)
			if err != nil {
				return nil, fmt.Errorf("parse: %w", err)
			}
			s = raw
		}
		if _, isString := node.(string); isString && l.rawJSON {
			raw, err := marshalNoHTML(node)
			if err != nil {
				return nil, fmt.Errorf("parse: %w", err)
			}
			s = raw
		}
		if err := l.match(JSON, s, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// jsonAt walks a decoded JSON value along a path of keys and array indexes joined by ".".
func jsonAt(v any, path string) (any, bool) {
	for path != "" {
		key, rest, _ := strings.Cut(path, ".")
		switch t := v.(type) {
		case map[string]any:
			next, ok := t[key]
			if !ok {
				// A key holding dots: try longer keys.
				for k, val := range t {
					if strings.HasPrefix(path, k) && (len(path) == len(k) || path[len(k)] == '.') {
						next, ok, rest = val, true, strings.TrimPrefix(path[len(k):], ".")
						break
					}
				}
				if !ok {
					return nil, false
				}
			}
			v, path = next, rest
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(t) {
				return nil, false
			}
			v, path = t[i], rest
		default:
			return nil, false
		}
	}
	return v, true
}

// match reads the leaf's variables from s into out.
func (l *leaf) match(shape Shape, s string, out map[string]string) error {
	if l.whole {
		out[l.names[0]] = s
		return nil
	}
	m := l.re.FindStringSubmatch(s)
	if m == nil {
		if l.path == "" {
			return fmt.Errorf("parse: line %q does not match the format", s)
		}
		return fmt.Errorf("parse: %s: value %q does not match the format", placeName(shape, l.path), s)
	}
	for i, name := range l.names {
		out[name] = m[i+1]
	}
	return nil
}

// Parse reads a line written with format into field name → value; see [NewParser] for the names. To read
// many lines, make a [Parser] once.
func Parse(format, line string) (map[string]string, error) {
	p, err := NewParser(format)
	if err != nil {
		return nil, err
	}
	return p.Parse(line)
}

func placeName(shape Shape, path string) string {
	if shape == XML {
		return "XML node " + path
	}
	return "JSON field " + strconv.Quote(path)
}

// flattenJSON records each leaf of a decoded template under its path (keys and array indexes joined by
// "."): a string as it is, anything else as its JSON text. Keys holding variables are refused. order
// collects the paths, sorted by the first placeholder in each (objects decode into maps, which lose the
// format's order).
func flattenJSON(path string, v any, out map[string]string, order *[]string) error {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch t := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			if strings.Contains(k, phOpen) {
				return fmt.Errorf("a JSON key holds a variable (%q): Parse needs literal keys", k)
			}
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if err := flattenJSON(join(k), t[k], out, order); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range t {
			if err := flattenJSON(join(strconv.Itoa(i)), e, out, order); err != nil {
				return err
			}
		}
	default:
		raw, err := marshalNoHTML(t)
		if err != nil {
			return err
		}
		s, ok := t.(string)
		if !ok {
			s = raw
		}
		out[path] = s
		if order != nil {
			*order = append(*order, path)
		}
	}
	if order != nil && path == "" {
		sortByPlaceholder(*order, out)
	}
	return nil
}

// sortByPlaceholder orders paths by the first placeholder number in their template.
func sortByPlaceholder(paths []string, tpl map[string]string) {
	first := func(p string) int {
		m := placeholderRE.FindStringSubmatch(tpl[p])
		if m == nil {
			return -1
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	slices.SortStableFunc(paths, func(a, b string) int { return first(a) - first(b) })
}

func marshalNoHTML(v any) (string, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// flattenXML records each element's own text under its path ("request/ip", a repeated sibling "item[2]")
// and each attribute under "path/@name". Whitespace-only text is left out of the template's places.
func flattenXML(s string, out map[string]string, order *[]string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	type frame struct {
		path   string
		text   strings.Builder
		counts map[string]int
	}
	stack := []*frame{{counts: map[string]int{}}}
	record := func(path, value string) {
		if _, seen := out[path]; !seen && order != nil {
			*order = append(*order, path)
		}
		out[path] = value
	}
	roots := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 1 {
				if roots++; roots > 1 {
					return errors.New("more than one root element")
				}
			}
			name := t.Name.Local
			if top.counts[name]++; top.counts[name] > 1 {
				name += "[" + strconv.Itoa(top.counts[name]) + "]"
			}
			path := name
			if top.path != "" {
				path = top.path + "/" + name
			}
			for _, a := range t.Attr {
				record(path+"/@"+a.Name.Local, a.Value)
			}
			stack = append(stack, &frame{path: path, counts: map[string]int{}})
		case xml.EndElement:
			if order == nil || strings.TrimSpace(top.text.String()) != "" {
				record(top.path, top.text.String())
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text.Write(t)
		}
	}
	if roots == 0 {
		return errors.New("no element")
	}
	if order != nil {
		sortByPlaceholder(*order, out)
	}
	return nil
}
