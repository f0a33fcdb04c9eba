package insights_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// This file is a small CloudWatch Logs filter-pattern matcher for the tests: it implements what "Filter
// pattern syntax for metric filters, subscription filters, filter log events, and Live Tail"
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html) documents for the
// three forms FilterPattern5XX writes, and refuses what the page does not allow, so a pattern that passes
// here is one the page says CloudWatch Logs accepts and matches. Where the page is silent the choice is
// marked [U] and is the stricter reading.
//
//   - Regular expressions, %…%: only letters, digits, the symbols ": _ # = @ / ; , -", the operators
//     "^ $ ? [ ] { } | \ * + .", and the escapes \d \D \s \S \w \W \xhh; no parentheses, no multi-byte
//     characters; at most 2 in one JSON or space-delimited pattern. A standalone regex matches anywhere in
//     the message (%AUTHORIZED% matches "UNAUTHORIZED REQUEST").
//   - JSON, { SELECTOR OP VALUE && … }: selectors "$." then keys, ['key'] for keys with other characters,
//     [n] for array elements; the selector must point to a value node. A quoted string or a regex compares
//     string nodes, a number compares number nodes [U: the page separates "patterns that match strings" from
//     "patterns that match numeric values"; components/AWS.md, "CloudWatch Logs": quoting decides string
//     versus number matching]. In a string, "*" is a wildcard at the start or end ("*Event", "Event*"); the
//     2019 page says "Ev*ent will only match the actual string Ev*ent".
//   - Space-delimited, [name, name=value, …]: the message splits at spaces, "characters between brackets
//     ([]) and double quotation marks ("") are considered single fields" (and are matched without them, as
//     the page's extracted $request shows); "..." stands for any number of fields; name=value compares the
//     field as a string with "*" as a wildcard anywhere ("request=*.html*"), name=%re% with a regex. A
//     pattern without "..." needs exactly as many fields as the line has [U].

// filterMatch reports whether pattern matches message.
func filterMatch(pattern, message string) (bool, error) {
	if len(pattern) > 1024 {
		return false, fmt.Errorf("pattern is %d characters; the API allows 1024", len(pattern))
	}
	p := strings.TrimSpace(pattern)
	switch {
	case strings.HasPrefix(p, "{"):
		return jsonMatch(p, message)
	case strings.HasPrefix(p, "["):
		return spaceMatch(p, message)
	case len(p) >= 2 && p[0] == '%' && p[len(p)-1] == '%':
		re, err := cwRegex(p[1 : len(p)-1])
		if err != nil {
			return false, err
		}
		return re.MatchString(message), nil
	}
	return false, fmt.Errorf("pattern %q is none of the forms this matcher knows", pattern)
}

// cwRegex checks a regular expression against the page's allowed syntax and compiles it; Go's regexp reads
// every allowed construct the way the page describes it.
func cwRegex(re string) (*regexp.Regexp, error) {
	for i := 0; i < len(re); i++ {
		c := re[i]
		switch {
		case c >= 0x80:
			return nil, fmt.Errorf("regex %q: multi-byte characters are not supported", re)
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte(":_#=@/;,-", c) >= 0:
		case c == '\\':
			if i+1 >= len(re) {
				return nil, fmt.Errorf("regex %q ends in a backslash", re)
			}
			n := re[i+1]
			switch {
			case strings.IndexByte("dDsSwW", n) >= 0, strings.IndexByte(`^$?[]{}|\*+.`, n) >= 0:
				i++
			case n == 'x' && i+3 < len(re) && isHex(re[i+2]) && isHex(re[i+3]):
				i += 3
			default:
				return nil, fmt.Errorf("regex %q: escape \\%c is not supported", re, n)
			}
		case strings.IndexByte(`^$?[]{}|*+.`, c) >= 0:
		default:
			return nil, fmt.Errorf("regex %q: character %q is not supported", re, c)
		}
	}
	return regexp.Compile(re)
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// inside returns what pattern holds between open and close.
func inside(pattern, open, close string) (string, error) {
	body, okOpen := strings.CutPrefix(pattern, open)
	body, okClose := strings.CutSuffix(body, close)
	if !okOpen || !okClose {
		return "", fmt.Errorf("pattern %q is not enclosed in %s%s", pattern, open, close)
	}
	return body, nil
}

// jsonMatch evaluates { cond && cond … }.
func jsonMatch(pattern, message string) (bool, error) {
	body, err := inside(pattern, "{", "}")
	if err != nil {
		return false, err
	}
	conds := splitOutside(body, "&&")
	if n := strings.Count(pattern, "%") / 2; n > 2 {
		return false, fmt.Errorf("JSON pattern %q holds %d regular expressions; at most 2 are allowed", pattern, n)
	}
	var doc any
	d := json.NewDecoder(strings.NewReader(message))
	d.UseNumber()
	if err := d.Decode(&doc); err != nil {
		return false, nil // not JSON: a JSON pattern does not match
	}
	for _, c := range conds {
		ok, err := jsonCond(strings.TrimSpace(c), doc)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

var condRE = regexp.MustCompile(`^(\$[^ =!<>]*)\s*(>=|<=|!=|=|>|<)\s*(.+)$`)

func jsonCond(cond string, doc any) (bool, error) {
	m := condRE.FindStringSubmatch(cond)
	if m == nil {
		return false, fmt.Errorf("JSON condition %q: want SELECTOR OPERATOR VALUE", cond)
	}
	node, err := selectNode(m[1], doc)
	if err != nil || node == nil {
		return false, err
	}
	op, value := m[2], m[3]
	switch {
	case strings.HasPrefix(value, `"`):
		s, err := strconv.Unquote(value)
		if err != nil {
			return false, fmt.Errorf("JSON condition %q: %w", cond, err)
		}
		str, isString := node.(string)
		if !isString || (op != "=" && op != "!=") {
			return false, nil
		}
		return wildcardEnds(s, str) == (op == "="), nil
	case strings.HasPrefix(value, "%"):
		re, err := cwRegex(strings.TrimSuffix(strings.TrimPrefix(value, "%"), "%"))
		if err != nil {
			return false, err
		}
		str, isString := node.(string)
		if !isString || (op != "=" && op != "!=") {
			return false, nil
		}
		return re.MatchString(str) == (op == "="), nil
	}
	want, err := strconv.ParseFloat(value, 64)
	if err != nil {
		return false, fmt.Errorf("JSON condition %q: unquoted value is not a number (this matcher reads unquoted "+
			"values as numbers only)", cond)
	}
	num, isNumber := node.(json.Number)
	if !isNumber {
		return false, nil
	}
	got, err := num.Float64()
	if err != nil {
		return false, nil
	}
	switch op {
	case "=":
		return got == want, nil
	case "!=":
		return got != want, nil
	case ">":
		return got > want, nil
	case "<":
		return got < want, nil
	case ">=":
		return got >= want, nil
	}
	return got <= want, nil
}

var selStepRE = regexp.MustCompile(`^(?:\.([A-Za-z0-9_-]+)|\.?\['([^']*)'\]|\[(\d+)\])`)

// selectNode resolves a property selector; nil when the path does not exist or ends on an object or array.
func selectNode(sel string, doc any) (any, error) {
	rest, ok := strings.CutPrefix(sel, "$")
	if !ok || rest == "" {
		return nil, fmt.Errorf("selector %q does not start with $.", sel)
	}
	node := doc
	for rest != "" {
		m := selStepRE.FindStringSubmatch(rest)
		if m == nil {
			return nil, fmt.Errorf("selector %q: cannot read %q", sel, rest)
		}
		rest = rest[len(m[0]):]
		switch {
		case m[3] != "":
			arr, isArr := node.([]any)
			i, _ := strconv.Atoi(m[3])
			if !isArr || i >= len(arr) {
				return nil, nil
			}
			node = arr[i]
		default:
			key := m[1] + m[2]
			obj, isObj := node.(map[string]any)
			if !isObj {
				return nil, nil
			}
			if node, ok = obj[key]; !ok {
				return nil, nil
			}
		}
	}
	switch node.(type) {
	case string, json.Number:
		return node, nil
	}
	return nil, nil
}

// wildcardEnds matches s with "*" as a wildcard at its start and end only.
func wildcardEnds(pattern, s string) bool {
	prefix, suffix := strings.HasPrefix(pattern, "*"), strings.HasSuffix(pattern, "*") && len(pattern) > 1
	core := pattern
	if prefix {
		core = core[1:]
	}
	if suffix {
		core = core[:len(core)-1]
	}
	switch {
	case prefix && suffix:
		return strings.Contains(s, core)
	case prefix:
		return strings.HasSuffix(s, core)
	case suffix:
		return strings.HasPrefix(s, core)
	}
	return s == core
}

// spaceMatch evaluates [item, item, …].
func spaceMatch(pattern, message string) (bool, error) {
	body, err := inside(pattern, "[", "]")
	if err != nil {
		return false, err
	}
	items := splitOutside(body, ",")
	if n := strings.Count(pattern, "%") / 2; n > 2 {
		return false, fmt.Errorf("pattern %q holds %d regular expressions; at most 2 are allowed", pattern, n)
	}
	ellipsis := -1
	for i := range items {
		items[i] = strings.TrimSpace(items[i])
		if items[i] == "..." {
			if ellipsis >= 0 {
				return false, errors.New("this matcher supports one ellipsis")
			}
			ellipsis = i
		}
	}
	fields := spaceFields(message)
	var pairs [][2]int // item index, field index
	switch {
	case ellipsis < 0:
		if len(fields) != len(items) {
			return false, nil
		}
		for i := range items {
			pairs = append(pairs, [2]int{i, i})
		}
	default:
		before, after := ellipsis, len(items)-ellipsis-1
		if len(fields) < before+after {
			return false, nil
		}
		for i := 0; i < before; i++ {
			pairs = append(pairs, [2]int{i, i})
		}
		for k := 0; k < after; k++ {
			pairs = append(pairs, [2]int{ellipsis + 1 + k, len(fields) - after + k})
		}
	}
	for _, p := range pairs {
		ok, err := spaceItem(items[p[0]], fields[p[1]])
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

var itemRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)(?:\s*=\s*(.+))?$`)

func spaceItem(item, field string) (bool, error) {
	m := itemRE.FindStringSubmatch(item)
	if m == nil {
		return false, fmt.Errorf("field %q: want name or name=value", item)
	}
	value := m[2]
	switch {
	case value == "":
		return true, nil
	case strings.HasPrefix(value, "%"):
		re, err := cwRegex(strings.TrimSuffix(strings.TrimPrefix(value, "%"), "%"))
		if err != nil {
			return false, err
		}
		return re.MatchString(field), nil
	}
	glob := "^" + strings.ReplaceAll(regexp.QuoteMeta(value), `\*`, ".*") + "$"
	return regexp.MustCompile(glob).MatchString(field), nil
}

// spaceFields splits a message as the page describes: bracketed and quoted runs are one field each.
func spaceFields(message string) []string {
	var out []string
	for i := 0; i < len(message); {
		switch message[i] {
		case ' ':
			i++
			continue
		case '[', '"':
			closer := byte(']')
			if message[i] == '"' {
				closer = '"'
			}
			end := strings.IndexByte(message[i+1:], closer)
			if end < 0 {
				out = append(out, message[i+1:])
				return out
			}
			out = append(out, message[i+1:i+1+end])
			i += end + 2
			continue
		}
		end := strings.IndexByte(message[i:], ' ')
		if end < 0 {
			out = append(out, message[i:])
			return out
		}
		out = append(out, message[i:i+end])
		i += end
	}
	return out
}

// splitOutside splits s at sep where sep is not inside %…%, "…" or '…'.
func splitOutside(s, sep string) []string {
	var out []string
	var cur bytes.Buffer
	var in byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case in != 0:
			if c == '\\' && in == '"' && i+1 < len(s) {
				cur.WriteByte(c)
				i++
				c = s[i]
			} else if c == in {
				in = 0
			}
		case c == '%' || c == '"' || c == '\'':
			in = c
		case strings.HasPrefix(s[i:], sep):
			out = append(out, cur.String())
			cur.Reset()
			i += len(sep) - 1
			continue
		}
		cur.WriteByte(c)
	}
	return append(out, cur.String())
}
