package accesslog_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/internal/golden"
)

// presetCases is every preset on each API type it serves, plus the two reference formats.
type presetCase struct {
	name   string
	api    accesslog.APIType
	format string
}

func presetCases() []presetCase {
	var out []presetCase
	for _, name := range accesslog.PresetNames() {
		for _, api := range accesslog.APITypes {
			if f, ok := accesslog.Preset(name, api); ok {
				out = append(out, presetCase{name, api, f})
			}
		}
	}
	return append(out,
		presetCase{"aws-guide-json", accesslog.REST, accesslog.AWSGuideJSON},
		presetCase{"cdk-jsonWithStandardFields", accesslog.REST, accesslog.CDKJSONWithStandardFields})
}

func TestSamplesGolden(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for _, c := range presetCases() {
		line, err := accesslog.Sample(c.format, c.api)
		require.NoError(t, err, c.name)
		fmt.Fprintf(&b, "# %s (%s)\n%s\n%s\n\n", c.name, c.api, c.format, line)
		switch accesslog.DetectShape(c.format) {
		case accesslog.JSON:
			assert.True(t, json.Valid([]byte(line)), "%s: sample is not JSON: %s", c.name, line)
		case accesslog.XML:
			assert.NoError(t, xml.Unmarshal([]byte(line), new(struct{})), "%s: sample is not XML", c.name)
		}
		assert.NotContains(t, line, "$context", c.name)
	}
	golden.Check(t, "samples.golden", b.String())
}

func TestSampleEscapesForItsPlace(t *testing.T) {
	t.Parallel()
	tricky := func(accesslog.Var) string { return `a "b" <c> & d\e` + "\t" }
	tests := []struct {
		name, format, want string
	}{
		{"inside a JSON string", `{"id":"$context.requestId"}`, `{"id":"a \"b\" <c> & d\\e\t"}`},
		{"outside a JSON string", `{"n":$context.status,"id":"$context.requestId"}`, `{"n":a "b" <c> & d\e` + "\t" + `,"id":"a \"b\" <c> & d\\e\t"}`},
		{"XML", `<r id="$context.requestId">$context.status</r>`, `<r id="a &#34;b&#34; &lt;c&gt; &amp; d\e&#x9;">a &#34;b&#34; &lt;c&gt; &amp; d\e&#x9;</r>`},
		{"text", `$context.requestId $context.status`, `a "b" <c> & d\e` + "\t" + ` a "b" <c> & d\e` + "\t"},
		{"trailing newline dropped", "$context.requestId\n", `a "b" <c> & d\e` + "\t"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := accesslog.Render(tt.format, accesslog.REST, tricky)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "got %s, want %s", got, tt.want)
		})
	}
}

func TestSampleRejectsVariablesItCannotRender(t *testing.T) {
	t.Parallel()
	_, err := accesslog.Sample("$context.requestId $context.resourcePath", accesslog.HTTP)
	assert.ErrorIs(t, err, accesslog.ErrWrongAPI)
	_, err = accesslog.Sample("$context.requestId $context.stauts", accesslog.REST)
	assert.ErrorIs(t, err, accesslog.ErrUnknownVariable)
	_, err = accesslog.Sample("$context.requestId", "SOAP")
	assert.ErrorIs(t, err, accesslog.ErrAPIType)
}

// Every preset's sample parses back into the example values, field by field.
func TestRoundTripPresets(t *testing.T) {
	t.Parallel()
	for _, c := range presetCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			line, err := accesslog.Sample(c.format, c.api)
			require.NoError(t, err)
			p, err := accesslog.NewParser(c.format)
			require.NoError(t, err)
			got, err := p.Parse(line)
			require.NoError(t, err)
			fields := p.Fields()
			require.Len(t, got, len(fields))
			require.Len(t, fields, len(accesslog.VarsOf(c.format)), "one field per variable")
			for _, f := range fields {
				assert.Equal(t, accesslog.Example(f.Var), got[f.Name], "field %s (%s)", f.Name, f.Var)
			}
		})
	}
}

func TestParseFieldNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, format, line string
		want               map[string]string
	}{
		{"nested JSON and a raw number", `{"id":"$context.requestId","identity":{"ip":"$context.identity.sourceIp"},"status":$context.status,"e":$context.error.messageString}`,
			`{"id":"r1","identity":{"ip":"198.51.100.1"},"status":404,"e":"Not \"found\""}`,
			map[string]string{"id": "r1", "identity.ip": "198.51.100.1", "status": "404", "e": `"Not \"found\""`}},
		{"two variables in one JSON string", `{"who":"$context.identity.sourceIp $context.identity.user","id":"$context.requestId"}`,
			`{"who":"198.51.100.1 jane","id":"r1"}`,
			map[string]string{"who/identity.sourceIp": "198.51.100.1", "who/identity.user": "jane", "id": "r1"}},
		{"XML attribute, element, repeated element", `<r id="$context.requestId"><v>$context.status</v><v>$context.stage</v></r>`,
			`<r id="r1"><v>200</v><v>prod</v></r>`,
			map[string]string{"r/@id": "r1", "r/v": "200", "r/v[2]": "prod"}},
		{"same variable twice in CSV", `$context.requestId,$context.status,$context.requestId`, `r1,200,r1`,
			map[string]string{"requestId": "r1", "status": "200", "requestId#2": "r1"}},
		{"HTTP CLF splits the route key", `"$context.httpMethod $context.routeKey $context.protocol" $context.requestId`,
			`"GET GET /orders/{id} HTTP/1.1" r1`,
			map[string]string{"httpMethod": "GET", "routeKey": "GET /orders/{id}", "protocol": "HTTP/1.1", "requestId": "r1"}},
		{"missing values as dashes", `$context.identity.sourceIp $context.identity.caller $context.requestId`, `198.51.100.1 - r1`,
			map[string]string{"identity.sourceIp": "198.51.100.1", "identity.caller": "-", "requestId": "r1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := accesslog.Parse(tt.format, tt.line)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, format, line, wantErr string
	}{
		{"no variables", "hello", "hello", "no $context variables"},
		{"line not JSON", `{"id":"$context.requestId"}`, `id=1`, "line is not JSON"},
		{"field missing", `{"id":"$context.requestId"}`, `{"x":"1"}`, `no JSON field "id"`},
		{"JSON trailing data", `{"id":"$context.requestId"}`, `{"id":"1"} {}`, "more after"},
		{"variable in a key", `{"$context.stage":"$context.requestId"}`, `{"prod":"1"}`, "key holds a variable"},
		{"line not XML", `<r>$context.requestId</r>`, `<r>`, "line is not XML"},
		{"text mismatch", `[$context.requestId]`, `(1)`, "does not match the format"},
		{"reserved character", "\uE000 $context.requestId", "x", "reserves"},
		{"not context", "$input.body $context.requestId", "x y", "not a $context variable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := accesslog.Parse(tt.format, tt.line)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

// restVars are the fixed REST variables, for generated formats.
func restVars() []accesslog.Var {
	var out []accesslog.Var
	for _, info := range accesslog.Variables(accesslog.REST) {
		if !info.Pattern {
			out = append(out, info.Var)
		}
	}
	return out
}

// Any format Build writes, rendered with any values, parses back into those values. JSON and XML values are
// arbitrary text; CLF and CSV values are words without separators, as those shapes have no escaping.
func TestRoundTripProperty(t *testing.T) {
	t.Parallel()
	vars := restVars()
	rapid.Check(t, func(t *rapid.T) {
		shape := rapid.SampledFrom([]accesslog.Shape{accesslog.CLF, accesslog.JSON, accesslog.CSV, accesslog.XML}).Draw(t, "shape")
		chosen := rapid.SliceOfNDistinct(rapid.SampledFrom(vars), 0, 8, func(v accesslog.Var) accesslog.Var { return v }).Draw(t, "vars")
		fields := []accesslog.Field{{"requestId", accesslog.RequestID}}
		for i, v := range chosen {
			if v != accesslog.RequestID {
				fields = append(fields, accesslog.Field{Name: fmt.Sprintf("f%d", i), Var: v})
			}
		}
		format, err := accesslog.Build(shape, fields...)
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		if err := accesslog.Validate(format, accesslog.REST); err != nil {
			t.Fatalf("Validate(%s): %v", format, err)
		}
		var value *rapid.Generator[string]
		switch shape {
		case accesslog.JSON:
			value = rapid.String()
		case accesslog.XML:
			value = rapid.StringOf(rapid.RuneFrom(nil, unicode.Letter, unicode.Digit, unicode.Punct, unicode.Symbol, unicode.Space))
		default:
			value = rapid.StringMatching(`[A-Za-z0-9:/._=+-]{1,12}`)
		}
		values := map[accesslog.Var]string{}
		for _, f := range fields {
			if info, _ := f.Var.Info(); info.Kind == accesslog.Quoted {
				values[f.Var] = `"` + rapid.StringMatching(`[a-z ]{0,10}`).Draw(t, string(f.Var)) + `"`
				continue
			}
			values[f.Var] = value.Draw(t, string(f.Var))
		}
		line, err := accesslog.Render(format, accesslog.REST, func(v accesslog.Var) string { return values[v] })
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		p, err := accesslog.NewParser(format)
		if err != nil {
			t.Fatalf("NewParser(%s): %v", format, err)
		}
		got, err := p.Parse(line)
		if err != nil {
			t.Fatalf("Parse(%q): %v", line, err)
		}
		for _, f := range p.Fields() {
			if got[f.Name] != values[f.Var] {
				t.Fatalf("format %s, line %q: field %s: got %q, want %q", format, line, f.Name, got[f.Name], values[f.Var])
			}
		}
	})
}
