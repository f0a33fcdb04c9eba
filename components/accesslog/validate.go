package accesslog

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
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

// Validate checks a format for api. It finds every problem, not only the first: a variable that is a likely
// typo of one in the catalogue (with a "did you mean"), a variable the catalogue lists for other API types
// only, a missing $context.requestId or $context.extendedRequestId, a line break anywhere but at the end, a
// format that starts with "{" or "<" but is not valid JSON or XML once its variables hold example values,
// and, for HTTP APIs, a format longer than [MaxHTTPFormatBytes]. It does not normalise: see [Normalize] and
// [Resolve].
//
// The catalogue lags behind AWS, which adds variables every year, so a well-formed $context.<name> that the
// catalogue does not list is accepted unless it is a likely typo of a name the catalogue does list:
// [Warnings] names it, and API Gateway gets it unchanged (only API Gateway can tell whether it exists). A
// likely typo is a catalogue name in another case, or one a few edits away: one edit for a catalogue name of
// up to 6 bytes, two for a longer one, where inserting, deleting or replacing a character or swapping two
// neighbouring ones is an edit. So $context.stauts fails ("did you mean $context.status?") while
// $context.stat and $context.fooBarQux pass with a warning.
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
		switch checkToken(&ps, body, t, api) {
		case refused:
			varsOK = false
			continue
		case unlisted:
			continue // its kind is unknown, so the JSON checks below cannot judge it
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

// verdict is what [checkToken] makes of one variable reference.
type verdict int

const (
	accepted verdict = iota // in the catalogue for the API type
	unlisted                // well-formed, not in the catalogue, not a likely typo: accepted with a warning
	refused                 // a problem was recorded
)

// checkToken records what is wrong with one variable reference and says whether it is accepted.
func checkToken(ps *problems, body string, t token, api APIType) verdict {
	written := body[t.start:t.end]
	switch {
	case t.root != "" && isVTLRoot(t.root):
		ps.add(ErrUnknownVariable, "", "%s is not allowed: access logs take only $context variables", written)
		return refused
	case t.root != "":
		ps.add(ErrUnknownVariable, "", "%s is not allowed: variables are case-sensitive, write $context in lower case (%s)",
			written, "$context"+body[t.start+1+len(t.root):t.end])
		return refused
	case t.bare:
		ps.add(ErrUnknownVariable, "", "%q at byte %d is not a variable: write $context.<name>, such as $context.requestId",
			written, t.start)
		return refused
	}
	v := Var(contextPrefix + t.name)
	info, ok := lookup(t.name)
	if !ok {
		if s := suggest(t.name, api); s != "" {
			ps.add(ErrUnknownVariable, v, "%s is not %s access-log variable (did you mean %s?)", v, article(api), s)
			return refused
		}
		return unlisted
	}
	if !info.availableIn(api) {
		msg := fmt.Sprintf("%s is not available in %s access logs: it is for %s only", v, api, apiList(info.apis))
		if info.e != nil && info.e.use[api] != "" {
			msg += fmt.Sprintf(" (for %ss use %s)", api, info.e.use[api])
		}
		ps.add(ErrWrongAPI, v, "%s", msg)
		return refused
	}
	return accepted
}

// Warnings returns one message for each distinct variable of format that [Validate] accepts without the
// catalogue listing it: a well-formed $context.<name> that is not a likely typo of a catalogue name (see
// [Validate]). Each message names the variable and says it goes to API Gateway unchanged. Messages come
// in the order the variables first appear; a format whose variables are all in the catalogue, or an unknown
// api, gives nil. Warnings does not resolve presets: pass it the format [Resolve] returns.
func Warnings(format string, api APIType) []string {
	if !api.valid() {
		return nil
	}
	toks, shape := scan(strings.TrimSuffix(format, "\n"))
	var out []string
	seen := map[string]bool{}
	for _, t := range toks {
		if t.root != "" || t.bare || seen[t.name] || !isUnlisted(t.name, api) {
			continue
		}
		seen[t.name] = true
		msg := fmt.Sprintf("%s%s is not in the catalogue of %s variables (developer guide as of %s); it is passed "+
			"to API Gateway unchanged — check the spelling", contextPrefix, t.name, api, CatalogueDate)
		if shape == JSON && !t.inString {
			msg += "; it stands outside a JSON string, so lines are JSON only if its value is a number"
		}
		out = append(out, msg)
	}
	return out
}

// isUnlisted reports whether a well-formed name is neither in the catalogue nor a likely typo of a name in
// it, the variables Validate accepts with a warning.
func isUnlisted(name string, api APIType) bool {
	if _, ok := lookup(name); ok {
		return false
	}
	return suggest(name, api) == ""
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
		if m, ok := lookup(t.name); ok {
			return m.example()
		}
		if shape == JSON && !t.inString {
			return "0" // an unlisted variable's kind is unknown: assume a number, which is JSON either way
		}
		return UnlistedExample
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

// maxTypoEdits is how many edits a name may be from a catalogue name (or parameterised prefix) of n bytes
// and still count as a likely typo of it: 1 up to 6 bytes, 2 beyond. Short names get one edit because two
// rewrite a third of them: $context.stauts is a typo of status (one swap), $context.stat is not (two
// deletions) and is accepted with a warning. Long names get no more than two because AWS names new
// variables after old ones: integration.timeToLastContent, three edits from timeToFirstContent, would be
// a new variable, not a typo.
func maxTypoEdits(n int) int {
	if n <= 6 {
		return 1
	}
	return 2
}

// suggest returns the catalogue variable that name (not in the catalogue) is a likely typo of, or "".
// Both names are compared in lower case, so a name in another case is always a typo. A fixed name or a
// parameterised prefix may be [maxTypoEdits] away, counting an insertion, a deletion, a substitution or a
// swap of neighbouring characters as one edit (requestOverride.headers.x-id → requestOverride.header.x-id),
// except that a prefix that is itself a family of fixed names is not a typo of a parameterised one
// (authorize.* is not authorizer.{property}). The closest variable for api wins; failing that, the closest
// of another API type, so that once it is spelt right Validate can say which API types have it.
func suggest(name string, api APIType) string {
	lower := strings.ToLower(name)
	if dot := strings.LastIndexByte(lower, '.'); dot > 0 && !isFamily(lower[:dot+1]) {
		prefix, param := lower[:dot+1], name[dot+1:]
		for _, p := range patterns {
			// Distance 0 is a prefix in another case: lookup would have found the exact spelling.
			if slices.Contains(p.apis, api) &&
				editDistance(prefix, strings.ToLower(p.prefix)) <= maxTypoEdits(len(p.prefix)) {
				return contextPrefix + p.prefix + param
			}
		}
	}
	best, bestD := "", 1<<30
	other, otherD := "", 1<<30
	for i := range fixed {
		e := &fixed[i]
		d := editDistance(lower, strings.ToLower(e.name))
		switch {
		case d > maxTypoEdits(len(e.name)):
		case slices.Contains(e.apis, api):
			if d < bestD {
				best, bestD = e.name, d
			}
		case d < otherD:
			other, otherD = e.name, d
		}
	}
	switch {
	case best != "":
		return contextPrefix + best
	case other != "":
		return contextPrefix + other
	}
	return ""
}

// isFamily reports whether some fixed name starts with prefix (in lower case), such as "authorize.".
func isFamily(prefix string) bool {
	for i := range fixed {
		if strings.HasPrefix(strings.ToLower(fixed[i].name), prefix) {
			return true
		}
	}
	return false
}

// editDistance is the optimal string alignment distance between a and b, in bytes: the Levenshtein
// distance with a swap of two neighbouring bytes counted as one edit, so "stauts" is one edit from
// "status". (github.com/agext/levenshtein, already in go.sum, counts a swap as two.)
func editDistance(a, b string) int {
	// Three rows: the one before the previous is needed for swaps.
	prev2 := make([]int, len(b)+1)
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
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
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
		if d := editDistance(strings.ToLower(v), name); d < bestD {
			best, bestD = name, d
		}
	}
	return best
}
