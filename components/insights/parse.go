package insights

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// parseCommand writes the parse commands that extract a place's tokens, under accesslog's parser names.
//
// The parse page's glob mode is the first choice: the place's literal text with a "*" for each variable
// (`parse @message "user=*, method:*, latency := *" as @user, @method, @latency`). [U] The page does not say
// how far a "*" reaches; this package assumes each one stops at the first occurrence of the text after it,
// and a trailing one takes the rest. That reads a value wrongly when it can hold the text that follows it,
// as $context.routeKey ("GET /orders/{id}") holds the space that follows it in the http-clf preset. Such a
// stretch, from the variable to the first literal character none of its variables can hold, is taken whole
// by the glob into a field named spanN and split by a second, regular-expression parse anchored at both
// ends, in which each variable that cannot hold a space or the character after it is matched by a class
// that excludes them (the same rule accesslog's parser applies).
func (l *layout) parseCommand(p int, needed []string) (string, error) {
	pl := l.places[p]
	source := "@message"
	if pl.path != nil {
		source = fieldRef(pl.jsonName())
	}
	spans := l.spans(pl.pieces)
	if end, ok := spans[0]; ok && end == len(pl.pieces) {
		return l.regexParse(source, pl.pieces, needed) // the whole place is one stretch
	}
	var glob strings.Builder
	var names, cmds []string
	prevTok := false
	for i := 0; i < len(pl.pieces); i++ {
		pc := pl.pieces[i]
		if end, ok := spans[i]; ok {
			if prevTok {
				return "", fmt.Errorf("%s follows another variable with no text between them, so no parse can tell "+
					"where one ends", l.tokens[pc.tok].v)
			}
			span := "span" + strconv.Itoa(len(cmds)+1)
			glob.WriteString("*")
			names = append(names, span)
			cmd, err := l.regexParse(span, pl.pieces[i:end], needed)
			if err != nil {
				return "", err
			}
			cmds = append(cmds, cmd)
			i = end - 1
			prevTok = true
			continue
		}
		if pc.tok < 0 {
			if strings.Contains(pc.lit, "*") {
				return "", fmt.Errorf("the format's text %q holds a \"*\", which a parse glob reads as a wildcard", pc.lit)
			}
			glob.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(pc.lit))
			prevTok = false
			continue
		}
		if prevTok {
			return "", fmt.Errorf("%s follows another variable with no text between them, so no parse can tell "+
				"where one ends", l.tokens[pc.tok].v)
		}
		glob.WriteString("*")
		names = append(names, fieldRef(l.tokens[pc.tok].name))
		prevTok = true
	}
	first := fmt.Sprintf("parse %s \"%s\" as %s", source, glob.String(), strings.Join(names, ", "))
	return lines(append([]string{first}, cmds...)...), nil
}

// holds reports whether the variable's values may hold c: when its catalogue example does, and for free
// text (catalogue: "values can hold spaces, commas or quotes") a space, tab or comma. [U] Free text is taken
// not to hold the double quote or bracket that [accesslog.Build] puts around it: a value that does breaks
// such a field for every reader, accesslog's parser included. A variable the catalogue does not list is
// written as "-" (accesslog.UnlistedExample) and holds nothing.
// A variable with a fixed layout holds only what its example does.
func (l *layout) holds(tok int, c byte) bool {
	info, ok := l.tokens[tok].v.Info()
	switch {
	case !ok:
		return false
	case strings.IndexByte(info.Example, c) >= 0:
		return true
	case fixedLayout(info.Var):
		return false
	case info.FreeText || info.Kind == accesslog.Quoted:
		return c == ' ' || c == '\t' || c == ','
	}
	return false
}

// spans finds the stretches of pieces a glob cannot split: each starts at a token that may hold the first
// character of the literal after it and ends before the first literal whose first character none of the
// stretch's tokens may hold (or at the end of the place). The map is from a stretch's first piece to the
// piece after its last.
func (l *layout) spans(pieces []piece) map[int]int {
	out := map[int]int{}
	for i := 0; i < len(pieces); i++ {
		pc := pieces[i]
		if pc.tok < 0 || i+1 >= len(pieces) || pieces[i+1].tok >= 0 || !l.holds(pc.tok, pieces[i+1].lit[0]) {
			continue
		}
		toks := []int{pc.tok}
		end := i + 1
		for ; end < len(pieces); end++ {
			if pieces[end].tok >= 0 {
				toks = append(toks, pieces[end].tok)
				continue
			}
			c := pieces[end].lit[0]
			if !slices.ContainsFunc(toks, func(t int) bool { return l.holds(t, c) }) {
				break
			}
		}
		out[i] = end
		i = end - 1
	}
	return out
}

// groupNameRE is what a named capturing group's name may be in the regular-expression engines in use
// (Java: a letter, then letters and digits); the parse page's examples use such names.
var groupNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`)

// regexParse splits a span with a regular expression anchored at both ends: a named group for each token
// whose field name can name one, a class that stops at a space and at the character after it for a token
// that cannot hold them, and as little as possible otherwise.
func (l *layout) regexParse(source string, pieces []piece, needed []string) (string, error) {
	var re strings.Builder
	re.WriteString("^")
	for k, pc := range pieces {
		if pc.tok < 0 {
			re.WriteString(strings.ReplaceAll(regexp.QuoteMeta(pc.lit), "/", `\/`))
			continue
		}
		stop := ""
		if !l.holds(pc.tok, ' ') {
			stop = " "
		}
		if k+1 < len(pieces) && pieces[k+1].tok < 0 {
			if c := pieces[k+1].lit[0]; c != ' ' && !l.holds(pc.tok, c) {
				stop += regexp.QuoteMeta(string(c))
			}
		}
		class := ".*?"
		if stop != "" {
			class = "[^" + strings.ReplaceAll(stop, "/", `\/`) + "]*"
		}
		name := l.tokens[pc.tok].name
		switch {
		case groupNameRE.MatchString(name):
			re.WriteString("(?<" + name + ">" + class + ")")
		case slices.Contains(needed, name):
			return "", fmt.Errorf("%s would need a regular-expression parse, and its field name %q cannot name a "+
				"capturing group", l.tokens[pc.tok].v, name)
		default:
			re.WriteString(class)
		}
	}
	re.WriteString("$")
	return fmt.Sprintf("parse %s /%s/", source, re.String()), nil
}

// fixedLayout reports whether v is free text in the catalogue only because its fixed layout holds a space:
// $context.requestTime, "dd/MMM/yyyy:HH:mm:ss +-hhmm", never holds a comma, quote or bracket.
func fixedLayout(v accesslog.Var) bool { return v == accesslog.RequestTime }
