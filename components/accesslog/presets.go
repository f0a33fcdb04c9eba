package accesslog

import (
	"slices"
)

// The AWS developer-guide formats for REST APIs ("Set up CloudWatch logging for REST APIs in API Gateway",
// CLF, JSON, XML and CSV examples), one line each. The current guide appends $context.extendedRequestId to
// them; these presets do too (components/AWS.md, "Access-log formats").
const (
	clfFormat = `$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] ` +
		`"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength ` +
		`$context.requestId $context.extendedRequestId`
	csvFormat = `$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,` +
		`$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,` +
		`$context.requestId,$context.extendedRequestId`
	xmlFormat = `<request id="$context.requestId"> <ip>$context.identity.sourceIp</ip> ` +
		`<caller>$context.identity.caller</caller> <user>$context.identity.user</user> ` +
		`<requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> ` +
		`<resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> ` +
		`<protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> ` +
		`<extendedRequestId>$context.extendedRequestId</extendedRequestId> </request>`
	// The HTTP API CLF example of "Configure logging for HTTP APIs in API Gateway".
	httpCLFFormat = `$context.identity.sourceIp - - [$context.requestTime] ` +
		`"$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength ` +
		`$context.requestId $context.extendedRequestId`
)

// AWSGuideJSON is the developer guide's REST JSON example with $context.extendedRequestId added, the JSON
// counterpart of the clf, csv and xml presets. It is not the json preset (see [JSONPresetFields]); it is here
// as a reference point for sizes and costs.
const AWSGuideJSON = `{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", ` +
	`"caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", ` +
	`"httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", ` +
	`"protocol":"$context.protocol", "responseLength":"$context.responseLength", ` +
	`"extendedRequestId":"$context.extendedRequestId" }`

// CDKJSONWithStandardFields is what AWS CDK's AccessLogFormat.jsonWithStandardFields() returns with no
// arguments, as a reference point for sizes and costs. The string is the one aws-cdk's own unit test expects
// (aws-apigateway test/access-log.test.ts), so it should be exact: ten fields, user before caller, every
// value quoted, no $context.extendedRequestId.
const CDKJSONWithStandardFields = `{"requestId":"$context.requestId","ip":"$context.identity.sourceIp",` +
	`"user":"$context.identity.user","caller":"$context.identity.caller","requestTime":"$context.requestTime",` +
	`"httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status",` +
	`"protocol":"$context.protocol","responseLength":"$context.responseLength"}`

// Job is what a json-preset field is for.
type Job string

// The three jobs the json presets serve.
const (
	Security    Job = "security"
	Audit       Job = "audit"
	Performance Job = "performance"
)

// Choice is a field of a json preset with the reason it is there.
type Choice struct {
	Field Field
	Job   Job
	Why   string
}

// The json preset's fields, in order. Each earns its bytes in every line a user pays for, queries and keeps.
var jsonChoices = []Choice{
	{Field{"requestTime", RequestTime}, Audit,
		"when the request arrived, inside the message itself, so it survives any export or copy of the line"},
	{Field{"requestId", RequestID}, Audit,
		"required by API Gateway (it or extendedRequestId); clients get it in x-amzn-RequestId, and execution logs and support cases use it"},
	{Field{"extendedRequestId", ExtendedRequestID}, Audit,
		"AWS recommends logging both ids; REST clients get it in x-amz-apigw-id, and troubleshooting with AWS uses it"},
	{Field{"ip", SourceIP}, Security,
		"who connected, at network level: blocking, rate-limit and WAF decisions start here"},
	{Field{"caller", Caller}, Security,
		"the IAM principal that signed the request (IAM authorization); \"-\" otherwise"},
	{Field{"user", User}, Security,
		"the IAM user or role authorized (IAM authorization), to tie a call to an identity"},
	{Field{"userAgent", UserAgent}, Security,
		"the client software: scanners, bots and stale SDKs stand out"},
	{Field{"principalId", AuthorizerPrincipalID}, Security,
		"the application user a Lambda authorizer vouched for, when IAM is not the authority"},
	{Field{"httpMethod", HTTPMethod}, Audit,
		"what was done: with resourcePath, the operation an audit asks about"},
	{Field{"resourcePath", ResourcePath}, Audit,
		"which resource, as a template (/orders/{id}), so lines group by operation without ids"},
	{Field{"status", Status}, Performance,
		"the response status: error rates and SLOs count it"},
	{Field{"responseLatency", ResponseLatency}, Performance,
		"the whole time the client waited, in ms"},
	{Field{"integrationLatency", IntegrationLatency}, Performance,
		"the backend's share of it; the difference is API Gateway (authorizers, mapping)"},
	{Field{"integrationStatus", IntegrationStatus}, Performance,
		"the backend's own status, to tell a failing backend from a gateway rejection"},
	{Field{"errorMessage", ErrorMessage}, Performance,
		"why API Gateway failed or rejected the request (throttling, auth, timeouts)"},
}

// JSONPresetFields returns the json preset's fields with the job each does and why it is there.
func JSONPresetFields() []Choice { return slices.Clone(jsonChoices) }

// swap returns the fields of choices with those named in m replaced by m's fields (none drops the field).
func swap(choices []Choice, m map[string][]Field) []Field {
	var out []Field
	for _, c := range choices {
		if fs, ok := m[c.Field.Name]; ok {
			out = append(out, fs...)
			continue
		}
		out = append(out, c.Field)
	}
	return out
}

func mustBuild(shape Shape, fields []Field) string {
	f, err := Build(shape, fields...)
	if err != nil {
		panic(err)
	}
	return f
}

// preset is a name with a format for each API type it serves.
type preset struct {
	name    string
	formats map[APIType]string
}

func (p preset) apis() []APIType {
	var out []APIType
	for _, a := range APITypes {
		if _, ok := p.formats[a]; ok {
			out = append(out, a)
		}
	}
	return out
}

var jsonFields = func() []Field {
	out := make([]Field, len(jsonChoices))
	for i, c := range jsonChoices {
		out[i] = c.Field
	}
	return out
}()

var presets = []preset{
	{"clf", map[APIType]string{REST: clfFormat}},
	{"csv", map[APIType]string{REST: csvFormat}},
	{"json", map[APIType]string{REST: mustBuild(JSON, jsonFields)}},
	{"xml", map[APIType]string{REST: xmlFormat}},
	{"http-clf", map[APIType]string{HTTP: httpCLFFormat}},
	// The json preset's jobs with HTTP API variables: the route key stands for the resource path.
	{"http-json", map[APIType]string{HTTP: mustBuild(JSON, swap(jsonChoices, map[string][]Field{
		"resourcePath": {{"routeKey", RouteKey}},
	}))}},
	// The json preset's jobs on a WebSocket API: the event, route, connection and message say what was done;
	// WebSocket APIs have no HTTP method, resource path or response latency, and no $context.integrationStatus
	// (neither WebSocket page lists it), so the field holds $context.integration.integrationStatus, which the
	// REST page documents as the same value.
	{"websocket-json", map[APIType]string{WebSocket: mustBuild(JSON, swap(jsonChoices, map[string][]Field{
		"httpMethod":        {{"eventType", EventType}},
		"resourcePath":      {{"routeKey", RouteKey}, {"connectionId", ConnectionID}, {"messageId", MessageID}},
		"responseLatency":   nil,
		"integrationStatus": {{"integrationStatus", IntegrationIntegrationStatus}},
	}))}},
}

var presetByName = func() map[string]preset {
	m := map[string]preset{}
	for _, p := range presets {
		m[p.name] = p
	}
	return m
}()

// PresetNames returns every preset's name, sorted.
func PresetNames() []string {
	names := make([]string, 0, len(presets))
	for _, p := range presets {
		names = append(names, p.name)
	}
	slices.Sort(names)
	return names
}

// PresetsFor returns the names of the presets for api, sorted.
func PresetsFor(api APIType) []string {
	var names []string
	for _, p := range presets {
		if _, ok := p.formats[api]; ok {
			names = append(names, p.name)
		}
	}
	slices.Sort(names)
	return names
}

// Preset returns the format of the named preset for api.
func Preset(name string, api APIType) (string, bool) {
	f, ok := presetByName[name].formats[api]
	return f, ok
}
