package accesslog_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

func TestValidateRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		format  string
		api     accesslog.APIType
		kind    error
		wantErr []string
	}{
		{"typo in case", "$context.identity.sourceIP $context.requestId", accesslog.REST, accesslog.ErrUnknownVariable,
			[]string{"$context.identity.sourceIP is not a REST API access-log variable", "did you mean $context.identity.sourceIp?"}},
		{"typo in letters", "$context.reqestId", accesslog.HTTP, accesslog.ErrUnknownVariable,
			[]string{"$context.reqestId is not an HTTP API", "did you mean $context.requestId?"}},
		{"typo in a pattern prefix", "$context.requestOverride.headers.x-foo $context.requestId", accesslog.REST,
			accesslog.ErrUnknownVariable, []string{"did you mean $context.requestOverride.header.x-foo?"}},
		{"case typo of another API type's variable", "$context.connectionID $context.requestId", accesslog.REST,
			accesslog.ErrUnknownVariable, []string{"did you mean $context.connectionId?"}},
		{"REST-only on HTTP", "$context.resourcePath $context.requestId", accesslog.HTTP, accesslog.ErrWrongAPI,
			[]string{"$context.resourcePath is not available in HTTP API access logs", "REST APIs only", "use $context.routeKey"}},
		{"HTTP-only on REST", "$context.dataProcessed $context.requestId", accesslog.REST, accesslog.ErrWrongAPI,
			[]string{"$context.dataProcessed", "HTTP APIs only"}},
		{"WebSocket-only on REST", "$context.connectionId $context.requestId", accesslog.REST, accesslog.ErrWrongAPI,
			[]string{"WebSocket APIs only"}},
		{"override on HTTP", "$context.requestOverride.header.x-foo $context.requestId", accesslog.HTTP, accesslog.ErrWrongAPI,
			[]string{"$context.requestOverride.header.x-foo", "REST APIs only"}},
		{"no request id", "$context.status $context.httpMethod", accesslog.REST, accesslog.ErrNoRequestID,
			[]string{"neither $context.requestId nor $context.extendedRequestId"}},
		{"request id with a suffix", "$context.requestIdx", accesslog.REST, accesslog.ErrNoRequestID, nil},
		{"two lines", "$context.requestId\n$context.status", accesslog.REST, accesslog.ErrMultiLine,
			[]string{"single line", "byte 18", "Access Log format must be single line, new line character is allowed only at end of the format", "folded"}},
		{"carriage return", "$context.requestId\r\n", accesslog.REST, accesslog.ErrMultiLine, []string{"single line"}},
		{"empty", " \n", accesslog.REST, accesslog.ErrEmpty, []string{"empty"}},
		{"bad API type", "$context.requestId", "GRPC", accesslog.ErrAPIType, []string{`"GRPC"`, "rest, http or websocket"}},
		{"JSON trailing comma", `{"id":"$context.requestId",}`, accesslog.REST, accesslog.ErrJSON, []string{"not valid JSON", "near"}},
		{"JSON unquoted string variable", `{"id":$context.requestId}`, accesslog.REST, accesslog.ErrJSON,
			[]string{"$context.requestId stands outside a JSON string", `"key":"$context.requestId"`}},
		{"JSON quoted messageString", `{"id":"$context.requestId","e":"$context.error.messageString"}`, accesslog.REST,
			accesslog.ErrJSON, []string{"already quoted"}},
		{"JSON with a quote in an example only", `{"id":"$context.requestId", "x": "a"b"}`, accesslog.REST, accesslog.ErrJSON, nil},
		{"XML unclosed", `<request id="$context.requestId"><ip>$context.identity.sourceIp</request>`, accesslog.REST,
			accesslog.ErrXML, []string{"not valid XML"}},
		{"XML two roots", `<a>$context.requestId</a><b/>`, accesslog.REST, accesslog.ErrXML, []string{"second root"}},
		{"XML text after root", `<a>$context.requestId</a> tail`, accesslog.REST, accesslog.ErrXML, []string{"outside the root"}},
		{"mapping-template root", "$input.body $context.requestId", accesslog.REST, accesslog.ErrUnknownVariable,
			[]string{"$input.body is not allowed", "only $context"}},
		{"capital Context", "$Context.requestId $context.extendedRequestId", accesslog.REST, accesslog.ErrUnknownVariable,
			[]string{"$Context.requestId", "case-sensitive", "($context.requestId)"}},
		{"bare $context", "$context $context.requestId", accesslog.REST, accesslog.ErrUnknownVariable,
			[]string{`"$context" at byte 0 is not a variable`}},
		{"HTTP over 3 KB", "$context.requestId " + strings.Repeat("x", accesslog.MaxHTTPFormatBytes), accesslog.HTTP,
			accesslog.ErrTooLong, []string{"3091 bytes", "at most 3072"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := accesslog.Validate(tt.format, tt.api)
			require.Error(t, err, "got no error, want %v", tt.kind)
			assert.ErrorIs(t, err, tt.kind, "got %v, want kind %v", err, tt.kind)
			for _, want := range tt.wantErr {
				assert.Contains(t, err.Error(), want)
			}
			msg := err.Error()
			assert.Equal(t, strings.ToLower(msg[:1]), msg[:1], "got %q, want lowercase start", msg)
			assert.False(t, strings.HasSuffix(msg, "."), "got %q, want no trailing period", msg)
			var ve *accesslog.ValidationError
			require.True(t, errors.As(err, &ve), "got %T, want *ValidationError", err)
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	t.Parallel()
	err := accesslog.Validate("$context.identity.sourceIP $context.resourcePath\n$context.status", accesslog.HTTP)
	var ve *accesslog.ValidationError
	require.True(t, errors.As(err, &ve))
	assert.Len(t, ve.Problems, 4, "got %v", err)
	for _, kind := range []error{accesslog.ErrMultiLine, accesslog.ErrUnknownVariable, accesslog.ErrWrongAPI, accesslog.ErrNoRequestID} {
		assert.ErrorIs(t, err, kind)
	}
}

func TestValidateAccepts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		format string
		api    accesslog.APIType
	}{
		{"trailing newline", "$context.requestId $context.status\n", accesslog.REST},
		{"extended id only", "$context.extendedRequestId", accesslog.REST},
		{"end of sentence", "id $context.requestId.", accesslog.REST},
		{"claims", "$context.requestId $context.authorizer.claims.email", accesslog.HTTP},
		{"authorizer property", "$context.requestId $context.authorizer.tenant", accesslog.WebSocket},
		{"override header with hyphens", "$context.requestId $context.requestOverride.header.x-request-id", accesslog.REST},
		{"number outside JSON string", `{"id":"$context.requestId","status":$context.status}`, accesslog.REST},
		{"messageString outside JSON string", `{"id":"$context.requestId","error":$context.error.messageString}`, accesslog.REST},
		{"nested JSON", `{"id":"$context.requestId","identity":{"ip":"$context.identity.sourceIp"}}`, accesslog.REST},
		{"XML attribute and text", `<r id="$context.requestId"><ua>$context.identity.userAgent</ua></r>`, accesslog.REST},
		{"HTTP exactly 3 KB", "$context.requestId " + strings.Repeat("x", accesslog.MaxHTTPFormatBytes-19), accesslog.HTTP},
		{"REST has no size limit", "$context.requestId " + strings.Repeat("x", 10000), accesslog.REST},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.NoError(t, accesslog.Validate(tt.format, tt.api))
		})
	}
}

func TestValidateKnownSkipsWhatIsNotKnown(t *testing.T) {
	t.Parallel()
	const ph = "${Token[TOKEN.42]}"
	tests := []struct {
		name   string
		format string
		api    accesslog.APIType
		kind   error // nil: valid
	}{
		{"request id may come from the unknown part", "$context.status " + ph, accesslog.REST, nil},
		{"JSON shape not checked", `{"id":"$context.requestId",` + ph, accesslog.REST, nil},
		{"name running into the unknown part", "$context.requestId $context.authorizer." + ph, accesslog.REST, nil},
		{"known variables still checked", "$context.identity.sourceIP " + ph, accesslog.REST, accesslog.ErrUnknownVariable},
		{"known API mismatch still checked", "$context.resourcePath " + ph, accesslog.HTTP, accesslog.ErrWrongAPI},
		{"known text already over the limit", strings.Repeat("x", accesslog.MaxHTTPFormatBytes+1) + ph, accesslog.HTTP, accesslog.ErrTooLong},
		{"unknown part may be long", "$context.requestId" + strings.Repeat(ph, 200), accesslog.HTTP, nil},
		{"known text on two lines", "$context.requestId\n" + ph, accesslog.REST, accesslog.ErrMultiLine},
		{"no placeholder: Validate", "$context.status", accesslog.REST, accesslog.ErrNoRequestID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := accesslog.ValidateKnown(tt.format, tt.api, ph)
			if tt.kind == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.kind, "got %v, want %v", err, tt.kind)
		})
	}
}

// CDK's check, from aws-cdk's aws-apigateway stage.ts.
var cdkRequestID = regexp.MustCompile(`\$context\.(?:requestId|extendedRequestId)\b`)

// On formats whose variables are all known, the request-id check agrees with CDK's regular expression.
func TestRequestIDCheckMatchesCDK(t *testing.T) {
	t.Parallel()
	pieces := []string{"$context.requestId", "$context.extendedRequestId", "$context.requestIdx", "$context.status",
		"$context.requestId_2", "$context.extendedRequestId-x", " ", ",", "-", ".", "x", "[", "]", `"`,
		"$context.requestTime", "$context.identity.sourceIp"}
	rapid.Check(t, func(t *rapid.T) {
		parts := rapid.SliceOfN(rapid.SampledFrom(pieces), 1, 8).Draw(t, "parts")
		format := strings.Join(parts, "")
		err := accesslog.Validate(format, accesslog.REST)
		if errors.Is(err, accesslog.ErrUnknownVariable) || errors.Is(err, accesslog.ErrWrongAPI) ||
			errors.Is(err, accesslog.ErrEmpty) || len(accesslog.Warnings(format, accesslog.REST)) > 0 {
			t.Skip("unknown variables are reported instead")
		}
		got := !errors.Is(err, accesslog.ErrNoRequestID)
		want := cdkRequestID.MatchString(format)
		if got != want {
			t.Fatalf("format %q: got has-request-id %v, want %v (CDK)", format, got, want)
		}
	})
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"$context.requestId   $context.status\n", "$context.requestId $context.status"},
		{"  \t$context.requestId\t\t$context.status  ", "$context.requestId $context.status"},
		{"$context.requestId\n$context.status", "$context.requestId\n$context.status"},
		{"$context.requestId", "$context.requestId"},
		{"", ""},
	}
	for _, tt := range tests {
		got := accesslog.Normalize(tt.in)
		assert.Equal(t, tt.want, got, "Normalize(%q): got %q, want %q", tt.in, got, tt.want)
	}
}

func TestNormalizeProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		words := rapid.SliceOf(rapid.SampledFrom([]string{"$context.requestId", "$context.status", "a", "{", `"`})).Draw(t, "words")
		seps := rapid.SliceOfN(rapid.SampledFrom([]string{" ", "  ", "\t", " \t "}), len(words)+1, len(words)+1).Draw(t, "seps")
		var b strings.Builder
		for i, w := range words {
			b.WriteString(seps[i] + w)
		}
		b.WriteString(seps[len(words)])
		in := b.String()
		got := accesslog.Normalize(in)
		if again := accesslog.Normalize(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", in, got, again)
		}
		if want := strings.Join(words, " "); got != want {
			t.Fatalf("Normalize(%q): got %q, want %q", in, got, want)
		}
		if strings.Contains(got, "  ") || strings.Contains(got, "\t") {
			t.Fatalf("Normalize(%q) = %q still has runs of blanks", in, got)
		}
	})
}

func TestResolve(t *testing.T) {
	t.Parallel()
	json, ok := accesslog.Preset("json", accesslog.REST)
	require.True(t, ok)
	tests := []struct {
		name    string
		value   string
		api     accesslog.APIType
		want    string
		wantErr []string
	}{
		{"preset", "json", accesslog.REST, json, nil},
		{"preset with blanks", " json\n", accesslog.REST, json, nil},
		{"custom normalised", "$context.requestId   $context.status\n", accesslog.REST, "$context.requestId $context.status", nil},
		{"misspelt preset", "jsonn", accesslog.REST, "",
			[]string{`"jsonn" is neither a preset (clf, csv, json, xml) nor a format with $context variables`, "did you mean json?"}},
		{"preset names are case-sensitive", "JSON", accesslog.REST, "", []string{`"JSON"`, "did you mean json?"}},
		{"nothing close", "apache", accesslog.REST, "", []string{`"apache" is neither a preset`}},
		{"HTTP presets listed for HTTP", "jsn", accesslog.HTTP, "", []string{"(http-clf, http-json)"}},
		{"preset of another API type", "http-json", accesslog.REST, "",
			[]string{`"http-json" is a preset for HTTP APIs, not for REST APIs`, "clf, csv, json, xml"}},
		{"REST preset on HTTP", "clf", accesslog.HTTP, "", []string{`"clf" is a preset for REST APIs`}},
		{"bad custom", "$context.status", accesslog.REST, "", []string{"$context.requestId"}},
		{"two lines", "$context.requestId\n$context.status", accesslog.REST, "", []string{"single line"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := accesslog.Resolve(tt.value, tt.api)
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got, "got %q, want %q", got, tt.want)
				return
			}
			require.Error(t, err, "got %q, want an error", got)
			for _, want := range tt.wantErr {
				assert.Contains(t, err.Error(), want)
			}
		})
	}
}

func TestPresetsResolveAndValidate(t *testing.T) {
	t.Parallel()
	names := accesslog.PresetNames()
	assert.Equal(t, []string{"clf", "csv", "http-clf", "http-json", "json", "websocket-json", "xml"}, names)
	for _, name := range names {
		found := false
		for _, api := range accesslog.APITypes {
			f, ok := accesslog.Preset(name, api)
			if !ok {
				continue
			}
			found = true
			assert.NoError(t, accesslog.Validate(f, api), "preset %s on %s", name, api)
			assert.Equal(t, accesslog.Normalize(f), f, "preset %s is not normalised", name)
			assert.Contains(t, f, "$context.requestId", "preset %s", name)
			assert.Contains(t, f, "$context.extendedRequestId", "preset %s", name)
			got, err := accesslog.Resolve(name, api)
			require.NoError(t, err)
			assert.Equal(t, f, got)
		}
		assert.True(t, found, "preset %s serves no API type", name)
	}
	for _, ref := range []string{accesslog.CDKJSONWithStandardFields, accesslog.AWSGuideJSON} {
		assert.NoError(t, accesslog.Validate(ref, accesslog.REST))
	}
}

// The json preset holds exactly the fields its three jobs need, each with a reason.
func TestJSONPresetFields(t *testing.T) {
	t.Parallel()
	byJob := map[accesslog.Job][]accesslog.Var{}
	var fields []accesslog.Field
	for _, c := range accesslog.JSONPresetFields() {
		assert.NotEmpty(t, c.Why, "field %s has no reason", c.Field.Name)
		byJob[c.Job] = append(byJob[c.Job], c.Field.Var)
		fields = append(fields, c.Field)
	}
	assert.ElementsMatch(t, []accesslog.Var{accesslog.SourceIP, accesslog.Caller, accesslog.User, accesslog.UserAgent,
		accesslog.AuthorizerPrincipalID}, byJob[accesslog.Security])
	assert.ElementsMatch(t, []accesslog.Var{accesslog.RequestTime, accesslog.RequestID, accesslog.ExtendedRequestID,
		accesslog.HTTPMethod, accesslog.ResourcePath}, byJob[accesslog.Audit])
	assert.ElementsMatch(t, []accesslog.Var{accesslog.Status, accesslog.ResponseLatency, accesslog.IntegrationLatency,
		accesslog.IntegrationStatus, accesslog.ErrorMessage}, byJob[accesslog.Performance])
	assert.Len(t, fields, 15)
}

// Only likely typos and variables of other API types fail; any other well-formed $context.<name> passes with a
// warning, as AWS adds variables faster than the catalogue. Each pair of cases sits on both sides of the typo
// threshold: one edit for names of up to 6 bytes, two for longer ones, a swap of neighbours being one edit.
func TestUnlistedVariablesPassAndTyposFail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		v        string
		api      accesslog.APIType
		typo     string // the "did you mean", or "" when the variable passes with a warning
		wrongAPI bool
	}{
		{"invented name", "$context.fooBarQux", accesslog.REST, "", false},
		{"invented name on HTTP", "$context.fooBarQux", accesslog.HTTP, "", false},
		{"case typo", "$context.identity.sourceIP", accesslog.REST, "$context.identity.sourceIp", false},
		{"short name, one swap", "$context.stauts", accesslog.REST, "$context.status", false},
		{"short name, one deletion", "$context.statu", accesslog.WebSocket, "$context.status", false},
		{"short name, two deletions", "$context.stat", accesslog.REST, "", false},
		{"long name, two edits", "$context.integrationLatcy", accesslog.REST, "$context.integrationLatency", false},
		{"long name, three edits", "$context.integrationLaty", accesslog.REST, "", false},
		{"a plausible new sibling", "$context.integration.timeToLastContent", accesslog.REST, "", false},
		{"a new member of a family", "$context.authorize.reason", accesslog.REST, "", false},
		{"pattern prefix typo", "$context.requestOverride.headers.x-id", accesslog.REST,
			"$context.requestOverride.header.x-id", false},
		{"typo of another API type's variable", "$context.conectionId", accesslog.REST, "$context.connectionId", false},
		{"another API type's variable", "$context.connectionId", accesslog.REST, "", true},
		{"REST-only on WebSocket", "$context.tlsVersion", accesslog.WebSocket, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			format := "$context.requestId " + tt.v
			err := accesslog.Validate(format, tt.api)
			_, resolveErr := accesslog.Resolve(format, tt.api)
			warnings := accesslog.Warnings(format, tt.api)
			switch {
			case tt.wrongAPI:
				require.ErrorIs(t, err, accesslog.ErrWrongAPI, "%s on %s", tt.v, tt.api)
				assert.Empty(t, warnings)
			case tt.typo != "":
				require.ErrorIs(t, err, accesslog.ErrUnknownVariable, "got %v, want a typo error", err)
				assert.Contains(t, err.Error(), "did you mean "+tt.typo+"?")
				assert.Error(t, resolveErr)
				assert.Empty(t, warnings, "a refused variable is an error, not a warning")
			default:
				require.NoError(t, err, "got an error, want %s to pass with a warning", tt.v)
				require.NoError(t, resolveErr)
				require.Len(t, warnings, 1, "got %v", warnings)
				assert.Contains(t, warnings[0], tt.v+" is not in the catalogue of "+tt.api.String()+" variables")
				assert.Contains(t, warnings[0], accesslog.CatalogueDate)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		format string
		api    accesslog.APIType
		want   []string // substrings, one per warning, in order
	}{
		{"one per distinct variable, in order of appearance",
			"$context.requestId $context.zzzTop $context.fooBarQux $context.zzzTop", accesslog.REST,
			[]string{"$context.zzzTop is not", "$context.fooBarQux is not"}},
		{"passed unchanged", "$context.requestId $context.fooBarQux", accesslog.WebSocket,
			[]string{"$context.fooBarQux is not in the catalogue of WebSocket API variables (developer guide as of " +
				accesslog.CatalogueDate + "); it is passed to API Gateway unchanged — check the spelling"}},
		{"outside a JSON string", `{"id":"$context.requestId","n":$context.fooBarQux}`, accesslog.REST,
			[]string{"outside a JSON string"}},
		{"known variables only", "$context.requestId $context.status", accesslog.REST, nil},
		{"typos are errors, not warnings", "$context.requestId $context.stauts", accesslog.REST, nil},
		{"other API types' variables are errors", "$context.requestId $context.connectionId", accesslog.REST, nil},
		{"not $context", "$input.body $Context.fooBarQux $context", accesslog.REST, nil},
		{"unknown API type", "$context.fooBarQux", "GRPC", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := accesslog.Warnings(tt.format, tt.api)
			require.Len(t, got, len(tt.want), "got %q", got)
			for i, want := range tt.want {
				assert.Contains(t, got[i], want)
			}
		})
	}
	for _, name := range accesslog.PresetNames() {
		for _, api := range accesslog.APITypes {
			if f, ok := accesslog.Preset(name, api); ok {
				assert.Empty(t, accesslog.Warnings(f, api), "preset %s on %s", name, api)
			}
		}
	}
}

// A format with an unlisted variable renders, sizes and parses back like any other.
func TestUnlistedVariableRendersAndParses(t *testing.T) {
	t.Parallel()
	const format = `$context.identity.sourceIp [$context.requestTime] $context.fooBarQux $context.status $context.requestId`
	line, err := accesslog.Sample(format, accesslog.REST)
	require.NoError(t, err)
	assert.Equal(t, "198.51.100.24 [06/Mar/2025:14:05:09 +0000] - 200 c6af9ac6-7b61-11e6-9a41-93e8deadbeef", line)
	cost, err := accesslog.Estimate(format, accesslog.REST)
	require.NoError(t, err)
	assert.Equal(t, len(line), cost.Bytes)
	got, err := accesslog.Parse(format, line)
	require.NoError(t, err)
	assert.Equal(t, "-", got["fooBarQux"])
	assert.Equal(t, "200", got["status"])

	json, err := accesslog.Sample(`{"id":"$context.requestId","x":"$context.fooBarQux"}`, accesslog.HTTP)
	require.NoError(t, err)
	assert.Equal(t, `{"id":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","x":"-"}`, json)
	require.NoError(t, accesslog.Validate(`{"id":"$context.requestId","n":$context.fooBarQux}`, accesslog.REST),
		"an unlisted variable outside a JSON string may be a number")
}
