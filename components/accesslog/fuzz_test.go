package accesslog_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// fuzzSeeds are the presets, the reference formats and a few broken formats.
func fuzzSeeds() []string {
	seeds := []string{
		accesslog.AWSGuideJSON, accesslog.CDKJSONWithStandardFields,
		"$context.identity.sourceIP $context.requestId", "$context.requestId\n$context.status", "{\"a\":$context.requestId}",
		"<a>$context.requestId</a><b>", "$Context.requestId", "$input.body", "$context", "$context.", "jsonn",
		"$context.requestOverride.header.x-id $context.requestId", "{\"$context.stage\":\"$context.requestId\"}",
		"$context.requestId $context.fooBarQux-$context.stat", "{\"id\":\"$context.requestId\",\"n\":$context.fooBarQux}",
		"<r id=\"$context.requestId\">$context.tlsVersion $context.isCanaryRequest</r>",
	}
	for _, name := range accesslog.PresetNames() {
		for _, api := range accesslog.APITypes {
			if f, ok := accesslog.Preset(name, api); ok {
				seeds = append(seeds, f)
			}
		}
	}
	return seeds
}

// FuzzValidate checks that no input panics the validator, normaliser or resolver, and that what Validate
// accepts can be rendered (and, for text formats, parsed back).
func FuzzValidate(f *testing.F) {
	for i, s := range fuzzSeeds() {
		f.Add(s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, format string, which uint8) {
		api := accesslog.APITypes[int(which)%len(accesslog.APITypes)]
		n := accesslog.Normalize(format)
		if again := accesslog.Normalize(n); again != n {
			t.Fatalf("Normalize is not idempotent: %q → %q → %q", format, n, again)
		}
		_, _ = accesslog.Resolve(format, api)
		_ = accesslog.ValidateKnown(format, api, "${Token[1]}")
		err := accesslog.Validate(format, api)
		if err != nil {
			var ve *accesslog.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("got %T %v, want *ValidationError with problems", err, err)
			}
			return
		}
		line, err := accesslog.Sample(format, api)
		if err != nil {
			t.Fatalf("Validate accepts %q but Sample fails: %v", format, err)
		}
		if strings.ContainsAny(strings.TrimSuffix(format, "\n"), "\r\n") {
			t.Fatalf("Validate accepts a format on two lines: %q", format)
		}
		if s := accesslog.DetectShape(format); s == accesslog.CLF || s == accesslog.CSV {
			if _, err := accesslog.Parse(format, line); err != nil && !strings.Contains(err.Error(), "invalid UTF-8") {
				t.Fatalf("Parse(%q, own sample %q): %v", format, line, err)
			}
		}
	})
}

// FuzzParse checks that no format and line panic the parser.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds() {
		for _, api := range accesslog.APITypes {
			if line, err := accesslog.Sample(s, api); err == nil {
				f.Add(s, line)
			}
		}
		f.Add(s, "")
		f.Add(s, `{"requestId":1}`)
	}
	f.Fuzz(func(t *testing.T, format, line string) {
		p, err := accesslog.NewParser(format)
		if err != nil {
			return
		}
		got, err := p.Parse(line)
		if err != nil {
			return
		}
		if len(got) != len(p.Fields()) {
			t.Fatalf("format %q, line %q: got %d fields, want %d", format, line, len(got), len(p.Fields()))
		}
	})
}
