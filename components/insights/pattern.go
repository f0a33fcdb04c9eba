package insights

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// maxPatternLen is the longest filter pattern CloudWatch Logs accepts (PutMetricFilter, filterPattern:
// "Length Constraints: Minimum length of 0. Maximum length of 1024").
const maxPatternLen = 1024

// status5XX is the regular expression of a 5XX status inside a regex pattern.
const status5XX = `5\d\d`

// FilterPattern5XX returns the CloudWatch Logs metric filter pattern that matches lines of format (the
// resolved format text of an access log for api) with a 5XX status, written for the format's shape as
// "Filter pattern syntax for metric filters, subscription filters, filter log events, and Live Tail"
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html) describes it:
//
//   - JSON: a property selector on the value holding $context.status. Written inside a JSON string, as
//     every preset writes it ("status":"502"), the status is a string: `{ $.status = "5*" }`, the asterisk
//     a wildcard for the text after it. Written as a bare number ("status":$context.status), it is a number
//     and is compared as one: `{ $.status >= 500 && $.status <= 599 }`. A value that holds more than the
//     status gets a regular expression: `{ $.summary = %^.*\x205\d\d$% }`.
//   - CLF: a space-delimited pattern naming every field of the line, the status's `status=5*`; "characters
//     between brackets and double quotation marks are considered single fields". Where fields that may
//     hold spaces make the count uncertain on one side of the status, "..." stands for that side.
//   - CSV: there is no comma-delimited pattern, so a regular expression that counts the columns before the
//     status (`%^[^,]*,[^,]*,5\d\d,%`), or after it when a column before it may hold commas
//     (`%,5\d\d,[^,]*$%`).
//   - XML: a regular expression on the element around the status: `%\x3Cstatus\x3E5\d\d\x3C/status\x3E%`.
//
// Regular expressions keep to what the page allows (letters, digits, the symbols ": _ # = @ / ; , -", the
// operators "^ $ ? [ ] { } | \ * + ." and no parentheses); other characters are written as \xhh. Each log
// group may hold at most 5 metric or subscription filters with regular expressions.
//
// FilterPattern5XX fails, naming the reason, when the format has no $context.status, or when no pattern can
// find the status in its lines (a CSV format with comma-holding free text on both sides of the status).
func FilterPattern5XX(format string, api accesslog.APIType) (string, error) {
	l, err := newLayout(format, api)
	if err != nil {
		return "", fmt.Errorf("filter pattern: %w", err)
	}
	status, ok := l.find(accesslog.Status)
	if !ok {
		return "", errors.New("filter pattern: the format has no $context.status, so no pattern can find 5XX responses")
	}
	var pattern string
	switch l.shape {
	case accesslog.JSON:
		pattern, err = l.jsonPattern(status)
	case accesslog.CSV:
		pattern, err = l.csvPattern(status)
	case accesslog.XML:
		pattern, err = l.xmlPattern(status)
	default:
		pattern, err = l.spacePattern(status)
	}
	if err != nil {
		return "", fmt.Errorf("filter pattern: %w", err)
	}
	if len(pattern) > maxPatternLen {
		return "", fmt.Errorf("filter pattern: the pattern for this format is %d characters long; CloudWatch Logs "+
			"accepts at most %d", len(pattern), maxPatternLen)
	}
	return pattern, nil
}

// jsonPattern selects the JSON value holding the status.
func (l *layout) jsonPattern(status int) (string, error) {
	pl := l.places[l.placeOf[status]]
	sel, err := selector(pl.path)
	if err != nil {
		return "", err
	}
	switch {
	case pl.raw:
		return fmt.Sprintf("{ %s >= 500 && %s <= 599 }", sel, sel), nil
	case pl.whole():
		return fmt.Sprintf(`{ %s = "5*" }`, sel), nil
	}
	re, err := l.regexOf(pl.pieces, status)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("{ %s = %%^%s$%% }", sel, re), nil
}

var plainKeyRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// selector writes a property selector: "$." then keys ("alphanumeric strings that support hyphen and
// underscore"), array elements in brackets, and a key holding other characters in bracket notation, as the
// page does for a period: `$.['cluster.name']`.
func selector(path []segment) (string, error) {
	var b strings.Builder
	b.WriteString("$")
	for i, s := range path {
		switch {
		case s.isIndex:
			b.WriteString("[" + strconv.Itoa(s.index) + "]")
		case plainKeyRE.MatchString(s.key):
			b.WriteString("." + s.key)
		case strings.ContainsAny(s.key, `'\`):
			return "", fmt.Errorf("the JSON key %q holds a quote or backslash, which no property selector can name", s.key)
		default:
			if i == 0 {
				b.WriteString(".")
			}
			b.WriteString("['" + s.key + "']")
		}
	}
	return b.String(), nil
}

// regexOf writes pieces as a regular expression: literal text escaped, the status token as a 5XX status and
// any other token as anything.
func (l *layout) regexOf(pieces []piece, status int) (string, error) {
	var b strings.Builder
	for _, pc := range pieces {
		switch {
		case pc.tok == status:
			b.WriteString(status5XX)
		case pc.tok >= 0:
			b.WriteString(".*")
		default:
			lit, err := regexLiteral(pc.lit)
			if err != nil {
				return "", err
			}
			b.WriteString(lit)
		}
	}
	return b.String(), nil
}

// regexLiteral escapes s for a filter-pattern regular expression: letters, digits and the supported symbols
// as they are, operators after a backslash, anything else as \xhh ("You can use \xhh to match symbol
// characters that are not supported by the filter pattern"). Multi-byte characters are not supported.
func regexLiteral(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return "", fmt.Errorf("the format's text %q holds a multi-byte character, which filter pattern regular "+
				"expressions do not support", s)
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte(":_#=@/;,-", c) >= 0:
			b.WriteByte(c)
		case strings.IndexByte(`^$?[]{}|\*+.`, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, `\x%02X`, c)
		}
	}
	return b.String(), nil
}

// xmlPattern matches the status with the markup around it: the literal text before it from its last "<"
// (the element's start tag, or the attribute's name) and after it up to its first ">".
func (l *layout) xmlPattern(status int) (string, error) {
	pieces := l.places[0].pieces
	var before, after string
	for i, pc := range pieces {
		if pc.tok != status {
			continue
		}
		if i > 0 && pieces[i-1].tok < 0 {
			before = pieces[i-1].lit
			if k := strings.LastIndexByte(before, '<'); k >= 0 {
				before = before[k:]
			}
		}
		if i+1 < len(pieces) && pieces[i+1].tok < 0 {
			after = pieces[i+1].lit
			if k := strings.IndexByte(after, '>'); k >= 0 {
				after = after[:k+1]
			}
		}
		break
	}
	if before == "" && after == "" {
		return "", errors.New("$context.status has no markup around it that a pattern could find")
	}
	re, err := l.regexOf([]piece{{lit: before, tok: -1}, {tok: status}, {lit: after, tok: -1}}, status)
	if err != nil {
		return "", err
	}
	return "%" + re + "%", nil
}

// column is a field of a delimited line: the pieces between two delimiters.
type column struct {
	pieces []piece
	group  byte // '[' or '"' when the column is bracketed or quoted (CLF), 0 otherwise
	safe   bool // its values never hold the delimiter, so the columns after it keep their position
}

func (c column) holds(tok int) bool {
	for _, pc := range c.pieces {
		if pc.tok == tok {
			return true
		}
	}
	return false
}

// csvColumns splits the line at its literal commas. A column is safe when none of its variables can hold a
// comma: the catalogue lists the variable, it is not free text (or has a fixed layout), and its example has
// no comma.
func (l *layout) csvColumns() []column {
	cols := []column{{}}
	for _, pc := range l.places[0].pieces {
		if pc.tok >= 0 {
			cols[len(cols)-1].pieces = append(cols[len(cols)-1].pieces, pc)
			continue
		}
		parts := strings.Split(pc.lit, ",")
		for k, part := range parts {
			if k > 0 {
				cols = append(cols, column{})
			}
			if part != "" {
				cols[len(cols)-1].pieces = append(cols[len(cols)-1].pieces, piece{lit: part, tok: -1})
			}
		}
	}
	for i := range cols {
		cols[i].safe = l.allSafe(cols[i].pieces, func(info accesslog.Info) bool {
			return (!info.FreeText || fixedLayout(info.Var)) && info.Kind != accesslog.Quoted &&
				!strings.Contains(info.Example, ",")
		})
	}
	return cols
}

// allSafe reports whether every variable among pieces is in the catalogue and passes ok.
func (l *layout) allSafe(pieces []piece, ok func(accesslog.Info) bool) bool {
	for _, pc := range pieces {
		if pc.tok < 0 {
			continue
		}
		info, listed := l.tokens[pc.tok].v.Info()
		if !listed || !ok(info) {
			return false
		}
	}
	return true
}

// statusColumn returns the index of the column holding the status, and whether the columns before it, and
// those after it, are all safe.
func statusColumn(cols []column, status int) (at int, beforeSafe, afterSafe bool) {
	at = -1
	beforeSafe, afterSafe = true, true
	for i, c := range cols {
		switch {
		case c.holds(status):
			at = i
		case at < 0:
			beforeSafe = beforeSafe && c.safe
		default:
			afterSafe = afterSafe && c.safe
		}
	}
	return at, beforeSafe, afterSafe
}

// csvPattern counts columns to the status, from the start of the line or, when a column before it may hold
// commas, from the end.
func (l *layout) csvPattern(status int) (string, error) {
	cols := l.csvColumns()
	at, beforeSafe, afterSafe := statusColumn(cols, status)
	if !cols[at].safe {
		return "", errors.New("the CSV column holding $context.status also holds a value that may contain commas")
	}
	statusRE, err := l.regexOf(cols[at].pieces, status)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	switch {
	case beforeSafe:
		b.WriteString("%^")
		for range at {
			b.WriteString("[^,]*,")
		}
		b.WriteString(statusRE)
		if at == len(cols)-1 {
			b.WriteString("$%")
		} else {
			b.WriteString(",%")
		}
	case afterSafe:
		b.WriteString("%," + statusRE)
		for range len(cols) - 1 - at {
			b.WriteString(",[^,]*")
		}
		b.WriteString("$%")
	default:
		return "", errors.New("CSV columns on both sides of $context.status may hold commas (free text such as " +
			"user agents or error messages), so no pattern can count the columns to it; move $context.status " +
			"before them")
	}
	return b.String(), nil
}

// spaceColumns splits a CLF-style line into the fields of a space-delimited pattern: a field starting with
// "[" runs to the next "]" and one starting with '"' to the next '"'; any other runs to the next space.
// Runs of spaces separate one field [U: the page shows single spaces only]. A bracketed or quoted field is
// safe when its variables cannot hold the closing character; any other field when they cannot hold a space.
func (l *layout) spaceColumns() []column {
	type char struct {
		c   byte
		tok int
	}
	var chars []char
	for _, pc := range l.places[0].pieces {
		if pc.tok >= 0 {
			chars = append(chars, char{tok: pc.tok})
			continue
		}
		for i := 0; i < len(pc.lit); i++ {
			chars = append(chars, char{c: pc.lit[i], tok: -1})
		}
	}
	var cols []column
	for i := 0; i < len(chars); {
		if chars[i].tok < 0 && chars[i].c == ' ' {
			i++
			continue
		}
		var col column
		end := byte(' ')
		if chars[i].tok < 0 && (chars[i].c == '[' || chars[i].c == '"') {
			col.group = chars[i].c
			end = map[byte]byte{'[': ']', '"': '"'}[col.group]
			i++
		}
		var lit strings.Builder
		flush := func() {
			if lit.Len() > 0 {
				col.pieces = append(col.pieces, piece{lit: lit.String(), tok: -1})
				lit.Reset()
			}
		}
		for ; i < len(chars) && (chars[i].tok >= 0 || chars[i].c != end); i++ {
			if chars[i].tok >= 0 {
				flush()
				col.pieces = append(col.pieces, piece{tok: chars[i].tok})
				continue
			}
			lit.WriteByte(chars[i].c)
		}
		flush()
		if col.group != 0 {
			i++ // the closing character
		}
		closer := string(end)
		col.safe = l.allSafe(col.pieces, func(info accesslog.Info) bool {
			if info.Kind == accesslog.Quoted {
				return false
			}
			if col.group != 0 {
				return !strings.Contains(info.Example, closer)
			}
			return !info.FreeText && !strings.ContainsAny(info.Example, ` "[`)
		})
		cols = append(cols, col)
	}
	return cols
}

var nameCleanRE = regexp.MustCompile(`[^A-Za-z0-9_]`)

// spacePattern names every field of the line after its variable and puts the 5XX condition on the status.
func (l *layout) spacePattern(status int) (string, error) {
	cols := l.spaceColumns()
	at, beforeSafe, afterSafe := statusColumn(cols, status)
	if !cols[at].safe {
		return "", errors.New("the field holding $context.status also holds a value that may contain spaces")
	}
	used := map[string]bool{}
	names := make([]string, len(cols))
	for i, c := range cols {
		name := "f" + strconv.Itoa(i+1)
		if len(c.pieces) == 1 && c.pieces[0].tok >= 0 {
			v := l.tokens[c.pieces[0].tok].v.Name()
			name = nameCleanRE.ReplaceAllString(v[strings.LastIndexByte(v, '.')+1:], "_")
		}
		if used[name] {
			name += "_" + strconv.Itoa(i+1)
		}
		used[name] = true
		names[i] = name
	}
	if len(cols[at].pieces) == 1 {
		names[at] += "=5*"
	} else {
		re, err := l.regexOf(cols[at].pieces, status)
		if err != nil {
			return "", err
		}
		names[at] += "=%^" + re + "$%"
	}
	switch {
	case beforeSafe && afterSafe:
	case beforeSafe:
		names = append(names[:at+1], "...")
	case afterSafe:
		names = append([]string{"..."}, names[at:]...)
	default:
		return "", errors.New("fields on both sides of $context.status may hold spaces, so no space-delimited " +
			"pattern can count the fields to it; quote them or move $context.status before them")
	}
	return "[" + strings.Join(names, ", ") + "]", nil
}
