package accesslog

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MaxHTTPFormatBytes is the longest format an HTTP API accepts. The HTTP API quotas page of the API Gateway
// developer guide ("Quotas for configuring and running an HTTP API", row "Access log template size") says
// "3 KB" without defining KB; AWS quota pages use binary units, so this is 3 × 1024 bytes [U]. REST and
// WebSocket APIs document no limit, so none is checked for them.
const MaxHTTPFormatBytes = 3 * 1024

// The kinds of problem; match them with errors.Is on the error [Validate] and [Resolve] return.
var (
	ErrEmpty           = errors.New("empty format")
	ErrAPIType         = errors.New("unknown API type")
	ErrUnknownVariable = errors.New("unknown variable")
	ErrWrongAPI        = errors.New("variable not available for the API type")
	ErrNoRequestID     = errors.New("no request id")
	ErrMultiLine       = errors.New("more than one line")
	ErrJSON            = errors.New("invalid JSON")
	ErrXML             = errors.New("invalid XML")
	ErrTooLong         = errors.New("format too long")
	ErrNotPreset       = errors.New("neither a preset nor a format")
)

// Problem is one thing wrong with a format. Its message names the bad value and what is allowed.
type Problem struct {
	// Kind is one of the Err* values.
	Kind error
	// Var is the variable at fault, if any.
	Var Var
	// Message is the whole message, lowercase, without trailing punctuation.
	Message string
}

// Error returns the message.
func (p *Problem) Error() string { return p.Message }

// Unwrap returns the kind.
func (p *Problem) Unwrap() error { return p.Kind }

// ValidationError is every problem found in one format.
type ValidationError struct {
	Problems []*Problem
}

// Error joins the problems' messages with "; ".
func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, "; ")
}

// Unwrap returns the problems, so errors.Is finds each kind.
func (e *ValidationError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p
	}
	return out
}

type problems []*Problem

// maxProblems caps what one error reports: enough to fix a format in a few rounds, and cheap on garbage.
const maxProblems = 10

func (ps *problems) add(kind error, v Var, format string, args ...any) {
	if len(*ps) >= maxProblems {
		return
	}
	msg := fmt.Sprintf(format, args...)
	for _, p := range *ps {
		if p.Message == msg {
			return
		}
	}
	*ps = append(*ps, &Problem{Kind: kind, Var: v, Message: msg})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

// Validate checks a format for api. It finds every problem, not only the first: variables that are unknown
// (with a "did you mean" from the catalogue) or not available for api, a missing $context.requestId or
// $context.extendedRequestId, a line break anywhere but at the end, a format that starts with "{" or "<" but
// is not valid JSON or XML once its variables hold example values, and, for HTTP APIs, a format longer than
// [MaxHTTPFormatBytes]. It does not normalise: see [Normalize] and [Resolve].
func Validate(format string, api APIType) error { return validate(format, api, nil) }

// ValidateKnown is [Validate] for a format with parts only known after deployment, such as a value another
// resource computes. Each occurrence of a placeholder string (a token such as CDK's "${Token[...]}" or a
// marker the caller substituted) stands for such a part, and Validate's checks are cut back to what the
// known text can prove, as CDK does:
//   - variables in the known text are checked, except one running into a placeholder (its name is unknown);
//   - the request-id check is skipped when the known text lacks one, as a placeholder may supply it;
//   - the JSON, XML and size checks are skipped, except that known text already over the HTTP limit fails;
//   - the single-line check still applies to the known text.
//
// With no placeholder in the format, ValidateKnown is Validate. In this project a format from another
// resource reaches the program whole (a Pulumi output is unknown at preview, then known), so the stage
// validates it with Validate when it resolves; ValidateKnown serves formats assembled from templates.
func ValidateKnown(format string, api APIType, placeholders ...string) error {
	return validate(format, api, placeholders)
}

const unknownMark = "\x00"

func validate(format string, api APIType, placeholders []string) error {
	var ps problems
	if !api.valid() {
		ps.add(ErrAPIType, "", "unknown API type %q: use %s, %s or %s", string(api), string(REST), string(HTTP),
			string(WebSocket))
		return ps.err()
	}
	if strings.TrimSpace(format) == "" {
		ps.add(ErrEmpty, "", "format is empty: use a format with $context variables, at least $context.requestId")
		return ps.err()
	}
	body := strings.TrimSuffix(format, "\n") // API Gateway allows one newline, at the end
	size := len(format)
	hasUnknown := false
	for _, p := range placeholders {
		if p != "" && strings.Contains(body, p) {
			size -= strings.Count(body, p) * len(p)
			body = strings.ReplaceAll(body, p, unknownMark)
			hasUnknown = true
		}
	}
	if i := strings.IndexAny(body, "\r\n"); i >= 0 {
		ps.add(ErrMultiLine, "", "format must be a single line but has a line break at byte %d: API Gateway answers "+
			"%q; in a YAML stack file write a long format as a folded scalar (key: >- and indented lines), "+
			"which joins the lines with spaces", i,
			"Access Log format must be single line, new line character is allowed only at end of the format")
	}

	toks, shape := scan(body)
	hasID, varsOK := false, true
	for _, t := range toks {
		if hasUnknown && intoUnknown(body[t.end:]) {
			continue // the name goes on in a part not known yet
		}
		if !checkToken(&ps, body, t, api) {
			varsOK = false
			continue
		}
		if t.name == "requestId" || t.name == "extendedRequestId" {
			hasID = true
		}
		if shape == JSON && !hasUnknown {
			info, _ := lookup(t.name)
			v := Var(contextPrefix + t.name)
			switch {
			case t.inString && info.kind == Quoted:
				ps.add(ErrJSON, v, "%s is already quoted, so inside a JSON string it breaks the JSON: write it "+
					"without quotes (\"key\":%s) or use $context.error.message", v, v)
				varsOK = false
			case !t.inString && info.kind == String:
				ps.add(ErrJSON, v, "%s stands outside a JSON string, which breaks the JSON: quote it (\"key\":\"%s\")", v, v)
				varsOK = false
			}
		}
	}
	if !hasID && !hasUnknown {
		ps.add(ErrNoRequestID, "", "format has neither $context.requestId nor $context.extendedRequestId: API Gateway "+
			"requires one of them and AWS recommends both")
	}
	if varsOK && !hasUnknown && len(ps) == 0 {
		checkShape(&ps, body, toks, shape)
	}
	if api == HTTP && size > MaxHTTPFormatBytes {
		ps.add(ErrTooLong, "", "format is %d bytes but HTTP APIs allow at most %d (3 KB, \"Access log template size\" "+
			"in the HTTP API quotas): drop fields or shorten their names", size, MaxHTTPFormatBytes)
	}
	return ps.err()
}

// intoUnknown reports whether the text after a variable continues its name into an unknown part.
func intoUnknown(after string) bool {
	after = strings.TrimLeft(after, ".-")
	return strings.HasPrefix(after, unknownMark)
}

// checkToken reports what is wrong with one variable reference, and whether it is fine.
func checkToken(ps *problems, body string, t token, api APIType) bool {
	written := body[t.start:t.end]
	switch {
	case t.root != "" && isVTLRoot(t.root):
		ps.add(ErrUnknownVariable, "", "%s is not allowed: access logs take only $context variables", written)
		return false
	case t.root != "":
		ps.add(ErrUnknownVariable, "", "%s is not allowed: variables are case-sensitive, write $context in lower case (%s)",
			written, "$context"+body[t.start+1+len(t.root):t.end])
		return false
	case t.bare:
		ps.add(ErrUnknownVariable, "", "%q at byte %d is not a variable: write $context.<name>, such as $context.requestId",
			written, t.start)
		return false
	}
	info, ok := lookup(t.name)
	if !ok {
		v := Var(contextPrefix + t.name)
		if s := suggest(t.name, api); s != "" {
			ps.add(ErrUnknownVariable, v, "%s is not %s access-log variable (did you mean %s?)", v, article(api), s)
		} else {
			ps.add(ErrUnknownVariable, v, "%s is not %s access-log variable: see the $context variables for access "+
				"logging in the API Gateway developer guide, or accesslog.Variables", v, article(api))
		}
		return false
	}
	if !info.availableIn(api) {
		v := Var(contextPrefix + t.name)
		msg := fmt.Sprintf("%s is not available in %s access logs: it is for %s only", v, api, apiList(info.apis))
		if info.e != nil && info.e.use[api] != "" {
			msg += fmt.Sprintf(" (for %ss use %s)", api, info.e.use[api])
		}
		ps.add(ErrWrongAPI, v, "%s", msg)
		return false
	}
	return true
}

// article is api's name with "a" or "an".
func article(api APIType) string {
	if api == HTTP {
		return "an " + api.String()
	}
	return "a " + api.String()
}

func apiList(apis []APIType) string {
	names := make([]string, len(apis))
	for i, a := range apis {
		names[i] = a.String() + "s"
	}
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// checkShape parses a JSON or XML format once its variables hold example values.
func checkShape(ps *problems, body string, toks []token, shape Shape) {
	if shape != JSON && shape != XML {
		return
	}
	line := render(body, toks, shape, func(t token) string {
		m, _ := lookup(t.name)
		return m.example()
	})
	if shape == JSON {
		if json.Valid([]byte(line)) {
			return
		}
		var v any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			var off int64
			var se *json.SyntaxError
			if errors.As(err, &se) {
				off = se.Offset
			}
			ps.add(ErrJSON, "", "format starts with \"{\" but is not valid JSON with example values (%v, near %q): "+
				"check quotes, commas and braces", err, near(line, int(off)))
		}
		return
	}
	if err := checkXML(line); err != nil {
		ps.add(ErrXML, "", "format starts with \"<\" but is not valid XML with example values (%v): check that "+
			"every element closes and that one element holds the rest", err)
	}
}

// near returns up to 20 bytes either side of off.
func near(s string, off int) string {
	hi := min(len(s), max(0, off+20))
	lo := min(hi, max(0, off-20))
	return s[lo:hi]
}

// checkXML wants exactly one well-formed root element and nothing but whitespace around it.
func checkXML(line string) error {
	d := xml.NewDecoder(strings.NewReader(line))
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if roots > 1 {
					return fmt.Errorf("a second root element <%s> at byte %d", t.Name.Local, d.InputOffset())
				}
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return fmt.Errorf("text %q outside the root element", string(t))
			}
		}
	}
	if roots == 0 {
		return errors.New("no element")
	}
	return nil
}

// suggest finds the catalogue name closest to name, as a full variable, or "".
func suggest(name string, api APIType) string {
	// The same name in another case: identity.sourceIP → identity.sourceIp.
	var otherAPI string
	for i := range fixed {
		if strings.EqualFold(fixed[i].name, name) {
			if fixed[i].info().For(api) {
				return contextPrefix + fixed[i].name
			}
			otherAPI = contextPrefix + fixed[i].name
		}
	}
	// A typo in a parameterised prefix: requestOverride.headers.x-id → requestOverride.header.x-id.
	if dot := strings.LastIndexByte(name, '.'); dot > 0 {
		prefix, param := name[:dot+1], name[dot+1:]
		for _, p := range patterns {
			if p.apis != nil && levenshtein(strings.ToLower(prefix), strings.ToLower(p.prefix)) <= 2 &&
				prefix != p.prefix && infoFor(p.apis, api) {
				return contextPrefix + p.prefix + param
			}
		}
	}
	best, bestD := "", 1<<30
	for i := range fixed {
		if !fixed[i].info().For(api) {
			continue
		}
		if d := levenshtein(strings.ToLower(name), strings.ToLower(fixed[i].name)); d < bestD {
			best, bestD = fixed[i].name, d
		}
	}
	if best != "" && (bestD <= 2 || bestD <= len(name)/5) {
		return contextPrefix + best
	}
	return otherAPI
}

func infoFor(apis []APIType, api APIType) bool { return Info{APIs: apis}.For(api) }

// levenshtein is the edit distance between a and b, in bytes.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Normalize gives one logical format one spelling, so reformatting it in config never shows as a diff: it
// trims surrounding whitespace (the one newline API Gateway allows at the end included) and collapses each
// run of spaces and tabs to one space. A line break inside the format is left alone, for [Validate] to
// reject: joining lines silently would hide a YAML mistake (see the single-line error).
func Normalize(format string) string {
	s := strings.TrimSpace(format)
	if !strings.Contains(s, "  ") && !strings.ContainsRune(s, '\t') {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

// Resolve turns a config value into the format to send to API Gateway: a preset name, or a custom format
// which is normalised and validated for api. Errors name the value and what is allowed, but not the config
// key (the caller wraps them with the key).
//
// Preset names are case-sensitive, like $context variables, so a config has one spelling for each format;
// "JSON" fails with a "did you mean json". A value with no "$" that is not a preset is reported as such,
// not as a format without a request id.
func Resolve(value string, api APIType) (string, error) {
	if !api.valid() {
		return "", validate("", api, nil)
	}
	v := strings.TrimSpace(value)
	if p, ok := presetByName[v]; ok {
		if f, ok := p.formats[api]; ok {
			return f, nil
		}
		return "", &ValidationError{Problems: []*Problem{{Kind: ErrNotPreset, Message: fmt.Sprintf(
			"%q is a preset for %s, not for %ss: use one of %s", v, apiList(p.apis()), api,
			strings.Join(PresetsFor(api), ", "))}}}
	}
	if !strings.Contains(v, "$") {
		msg := fmt.Sprintf("%q is neither a preset (%s) nor a format with $context variables", value,
			strings.Join(PresetsFor(api), ", "))
		if s := suggestPreset(v, api); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		return "", &ValidationError{Problems: []*Problem{{Kind: ErrNotPreset, Message: msg}}}
	}
	f := Normalize(value)
	if err := Validate(f, api); err != nil {
		return "", err
	}
	return f, nil
}

func suggestPreset(v string, api APIType) string {
	best, bestD := "", 3
	for _, name := range PresetsFor(api) {
		if strings.EqualFold(name, v) {
			return name
		}
		if d := levenshtein(strings.ToLower(v), name); d < bestD {
			best, bestD = name, d
		}
	}
	return best
}
