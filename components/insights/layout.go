package insights

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// layout is where each variable of a format sits in the lines it writes, read from the format itself: the
// literal text around each variable, and for JSON the value that holds it.
type layout struct {
	api    accesslog.APIType
	shape  accesslog.Shape
	tokens []token // every variable reference, in the order of the format
	places []place // CLF, CSV, XML: one place, the whole line; JSON: one per value holding variables
	// placeOf maps a token to its place.
	placeOf []int
}

// token is one variable reference in the format.
type token struct {
	v    accesslog.Var
	name string // the field name accesslog's parser gives it, which the queries use too
}

// piece is a stretch of a place: literal text (tok < 0) or a token.
type piece struct {
	lit string
	tok int
}

// place is a stretch of a line that holds tokens: the whole line, or a JSON value.
type place struct {
	path   []segment // the JSON value's path; nil for the whole line
	raw    bool      // a JSON value outside a string: the number is the token itself
	pieces []piece
}

// segment is one step of a JSON path: an object key or an array index.
type segment struct {
	key     string
	index   int
	isIndex bool
}

// whole reports whether the place is exactly one token, so Logs Insights has its value as a field without a
// parse: a JSON value holding one variable and nothing else.
func (p place) whole() bool { return p.path != nil && len(p.pieces) == 1 && p.pieces[0].tok >= 0 }

// jsonName is the field name Logs Insights gives a JSON value: its keys and array indexes joined with "."
// ("Fields in JSON logs", CWL_AnalyzeLogData-discoverable-fields: `userIdentity.type`,
// `requestParameters.instancesSet.items.0.instanceId`). accesslog's parser names JSON fields the same way.
func (p place) jsonName() string {
	parts := make([]string, len(p.path))
	for i, s := range p.path {
		parts[i] = s.key
		if s.isIndex {
			parts[i] = strconv.Itoa(s.index)
		}
	}
	return strings.Join(parts, ".")
}

// Markers stand for the variables while the format is rendered: digits, so they are valid both inside a
// JSON string and as a bare JSON number, need no escaping in XML and hold no space or comma.
const (
	markerPrefix = "74"
	markerSuffix = "47"
	maxTokens    = 1000
)

var markerRE = regexp.MustCompile(markerPrefix + `(\d{3})` + markerSuffix)

func marker(i int) string { return fmt.Sprintf("%s%03d%s", markerPrefix, i, markerSuffix) }

// newLayout reads format's layout. It fails when accesslog cannot parse lines of the format or the format is
// not valid for api.
func newLayout(format string, api accesslog.APIType) (*layout, error) {
	parser, err := accesslog.NewParser(format)
	if err != nil {
		return nil, err
	}
	fields := parser.Fields()
	if len(fields) >= maxTokens {
		return nil, fmt.Errorf("format has %d variables; at most %d are supported", len(fields), maxTokens-1)
	}
	// Render calls value once per variable reference, in the order of the format.
	var called []accesslog.Var
	line, err := accesslog.Render(format, api, func(v accesslog.Var) string {
		called = append(called, v)
		return marker(len(called) - 1)
	})
	if err != nil {
		return nil, err
	}
	if len(called) != len(fields) {
		return nil, fmt.Errorf("format has %d variables but its parser reads %d fields", len(called), len(fields))
	}
	l := &layout{api: api, shape: parser.Shape(), tokens: make([]token, len(fields))}
	for i, f := range fields {
		if f.Var != called[i] {
			return nil, fmt.Errorf("format's fields are not in the order of its variables (%s at %s): "+
				"this layout is not supported", f.Name, called[i])
		}
		l.tokens[i] = token{v: f.Var, name: f.Name}
	}
	if l.shape == accesslog.JSON {
		var v any
		d := json.NewDecoder(strings.NewReader(line))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			return nil, fmt.Errorf("format does not render as JSON: %w", err)
		}
		walkJSON(v, nil, &l.places)
	} else {
		l.places = []place{{pieces: splitMarkers(line)}}
	}
	slices.SortStableFunc(l.places, func(a, b place) int { return firstToken(a) - firstToken(b) })
	l.placeOf = make([]int, 0, len(l.tokens))
	for i, p := range l.places {
		for _, pc := range p.pieces {
			if pc.tok >= 0 {
				if pc.tok != len(l.placeOf) {
					return nil, errors.New("format's variables could not be located in its lines: this layout is not supported")
				}
				l.placeOf = append(l.placeOf, i)
			}
		}
	}
	if len(l.placeOf) != len(l.tokens) {
		return nil, errors.New("format's variables could not be located in its lines: this layout is not supported")
	}
	return l, nil
}

func firstToken(p place) int {
	for _, pc := range p.pieces {
		if pc.tok >= 0 {
			return pc.tok
		}
	}
	return maxTokens
}

// splitMarkers splits s into literal text and tokens.
func splitMarkers(s string) []piece {
	var out []piece
	last := 0
	for _, m := range markerRE.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > last {
			out = append(out, piece{lit: s[last:m[0]], tok: -1})
		}
		n, _ := strconv.Atoi(s[m[2]:m[3]])
		out = append(out, piece{tok: n})
		last = m[1]
	}
	if last < len(s) {
		out = append(out, piece{lit: s[last:], tok: -1})
	}
	return out
}

// walkJSON records every value of a decoded line that holds markers, keys in sorted order.
func walkJSON(v any, path []segment, out *[]place) {
	switch t := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			walkJSON(t[k], append(slices.Clone(path), segment{key: k}), out)
		}
	case []any:
		for i, e := range t {
			walkJSON(e, append(slices.Clone(path), segment{index: i, isIndex: true}), out)
		}
	case string:
		pieces := splitMarkers(t)
		if slices.ContainsFunc(pieces, func(p piece) bool { return p.tok >= 0 }) {
			*out = append(*out, place{path: path, pieces: pieces})
		}
	case json.Number:
		pieces := splitMarkers(t.String())
		if len(pieces) == 1 && pieces[0].tok >= 0 {
			*out = append(*out, place{path: path, raw: true, pieces: pieces})
		}
	}
}

// find returns the first token holding one of vars, trying them in order.
func (l *layout) find(vars ...accesslog.Var) (int, bool) {
	for _, v := range vars {
		for i, t := range l.tokens {
			if t.v == v {
				return i, true
			}
		}
	}
	return 0, false
}

// numeric reports whether Logs Insights and filter patterns see the token as a JSON number rather than text.
func (l *layout) numeric(tok int) bool { return l.places[l.placeOf[tok]].raw }
