package accesslog_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

func TestBuild(t *testing.T) {
	t.Parallel()
	fields := []accesslog.Field{
		{"@id", accesslog.RequestID},
		{"ip", accesslog.SourceIP},
		{"time", accesslog.RequestTime},
		{"ua", accesslog.UserAgent},
		{"error", accesslog.ErrorMessageString},
	}
	tests := []struct {
		shape accesslog.Shape
		want  string
	}{
		{accesslog.CLF, `$context.requestId $context.identity.sourceIp [$context.requestTime] "$context.identity.userAgent" $context.error.messageString`},
		{accesslog.CSV, `$context.requestId,$context.identity.sourceIp,"$context.requestTime","$context.identity.userAgent",$context.error.messageString`},
		{accesslog.JSON, `{"@id":"$context.requestId","ip":"$context.identity.sourceIp","time":"$context.requestTime","ua":"$context.identity.userAgent","error":$context.error.messageString}`},
		{accesslog.XML, `<request id="$context.requestId"><ip>$context.identity.sourceIp</ip><time>$context.requestTime</time><ua>$context.identity.userAgent</ua><error>$context.error.messageString</error></request>`},
	}
	for _, tt := range tests {
		t.Run(tt.shape.String(), func(t *testing.T) {
			t.Parallel()
			got, err := accesslog.Build(tt.shape, fields...)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "got %s, want %s", got, tt.want)
			assert.Equal(t, tt.shape, accesslog.DetectShape(got))
			assert.NoError(t, accesslog.Validate(got, accesslog.REST))
		})
	}
}

func TestBuildRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		shape   accesslog.Shape
		fields  []accesslog.Field
		wantErr string
	}{
		{"no fields", accesslog.JSON, nil, "no fields"},
		{"two variables in one", accesslog.CSV, []accesslog.Field{{"a", "$context.requestId $context.status"}}, "not one $context variable"},
		{"unknown variable", accesslog.CSV, []accesslog.Field{{"a", "$context.nope"}}, "not in the catalogue"},
		{"JSON without name", accesslog.JSON, []accesslog.Field{{"", accesslog.RequestID}}, "has no name"},
		{"JSON name twice", accesslog.JSON, []accesslog.Field{{"a", accesslog.RequestID}, {"a", accesslog.Status}}, `"a" is used twice`},
		{"XML bad name", accesslog.XML, []accesslog.Field{{"1a", accesslog.RequestID}}, `"1a" is not an XML name`},
		{"unknown shape", accesslog.Shape(9), []accesslog.Field{{"a", accesslog.RequestID}}, "not one of CLF, JSON, CSV, XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := accesslog.Build(tt.shape, tt.fields...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestDetectShapeOfPresets(t *testing.T) {
	t.Parallel()
	want := map[string]accesslog.Shape{"clf": accesslog.CLF, "csv": accesslog.CSV, "json": accesslog.JSON,
		"xml": accesslog.XML, "http-clf": accesslog.CLF, "http-json": accesslog.JSON, "websocket-json": accesslog.JSON}
	for name, shape := range want {
		for _, api := range accesslog.APITypes {
			if f, ok := accesslog.Preset(name, api); ok {
				assert.Equal(t, shape, accesslog.DetectShape(f), "preset %s: got %s, want %s", name, accesslog.DetectShape(f), shape)
			}
		}
	}
}
