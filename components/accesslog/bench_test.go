package accesslog_test

import (
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

// Each benchmark pairs this package's work with a baseline on the same input, in the same run, so the
// README can give a ratio rather than a bare figure: go test -bench . -benchmem ./components/accesslog

func preset(b *testing.B, name string) string {
	b.Helper()
	f, ok := accesslog.Preset(name, accesslog.REST)
	if !ok {
		b.Fatalf("no preset %s", name)
	}
	return f
}

var sink any

func BenchmarkValidate(b *testing.B) {
	for _, name := range []string{"clf", "json", "xml"} {
		format := preset(b, name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := accesslog.Validate(format, accesslog.REST); err != nil {
					b.Fatal(err)
				}
			}
		})
		// Baselines: the check peers do (CDK's regular expression), and the least anyone could do.
		b.Run(name+"/baseline-cdk-regexp", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = cdkRequestID.MatchString(format)
			}
		})
		b.Run(name+"/baseline-strings.Contains", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = strings.Contains(format, "$context.requestId")
			}
		})
	}
}

func BenchmarkResolve(b *testing.B) {
	b.Run("preset", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink, _ = accesslog.Resolve("json", accesslog.REST)
		}
	})
	custom := "$context.requestId   $context.status\n"
	b.Run("custom", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink, _ = accesslog.Resolve(custom, accesslog.REST)
		}
	})
}

func BenchmarkSample(b *testing.B) {
	for _, name := range []string{"clf", "json", "xml"} {
		format := preset(b, name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink, _ = accesslog.Sample(format, accesslog.REST)
			}
		})
		// Baseline: a strings.Replacer built once, swapping each variable for its example, no escaping and
		// no checks.
		var pairs []string
		for _, v := range accesslog.VarsOf(format) {
			pairs = append(pairs, string(v), accesslog.Example(v))
		}
		r := strings.NewReplacer(pairs...)
		b.Run(name+"/baseline-strings.Replacer", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = r.Replace(format)
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"clf", "csv", "json", "xml"} {
		format := preset(b, name)
		line, err := accesslog.Sample(format, accesslog.REST)
		if err != nil {
			b.Fatal(err)
		}
		p, err := accesslog.NewParser(format)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Parse(line); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/NewParser", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink, _ = accesslog.NewParser(format)
			}
		})
		switch name {
		case "json":
			b.Run(name+"/baseline-json.Unmarshal", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var m map[string]string
					if err := json.Unmarshal([]byte(line), &m); err != nil {
						b.Fatal(err)
					}
				}
			})
		case "xml":
			b.Run(name+"/baseline-xml.Decoder", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					d := xml.NewDecoder(strings.NewReader(line))
					for {
						if _, err := d.Token(); err != nil {
							break
						}
					}
				}
			})
		case "clf":
			// Baseline: the hand-written regular expression one would write for the clf preset.
			re := regexp.MustCompile(`^(\S*) (\S*) (\S*) \[(.*?)\] "(\S*) (\S*) (\S*)" (\S*) (\S*) (\S*) (\S*)$`)
			b.Run(name+"/baseline-regexp", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if re.FindStringSubmatch(line) == nil {
						b.Fatal("no match")
					}
				}
			})
		case "csv":
			b.Run(name+"/baseline-strings.Split", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sink = strings.Split(line, ",")
				}
			})
		}
	}
}
