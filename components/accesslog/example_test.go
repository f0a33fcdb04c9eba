package accesslog_test

import (
	"fmt"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
)

func ExampleResolve() {
	format, err := accesslog.Resolve("clf", accesslog.REST)
	fmt.Println(format, err)

	_, err = accesslog.Resolve("jsonn", accesslog.REST)
	fmt.Println(err)

	format, err = accesslog.Resolve("$context.requestId   $context.status\n", accesslog.REST)
	fmt.Printf("%q %v\n", format, err)
	// Output:
	// $context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId <nil>
	// "jsonn" is neither a preset (clf, csv, json, xml) nor a format with $context variables (did you mean json?)
	// "$context.requestId $context.status" <nil>
}

func ExampleValidate() {
	err := accesslog.Validate("$context.identity.sourceIP $context.resourcePath", accesslog.HTTP)
	fmt.Println(err)
	// Output:
	// $context.identity.sourceIP is not an HTTP API access-log variable (did you mean $context.identity.sourceIp?); $context.resourcePath is not available in HTTP API access logs: it is for REST APIs only (for HTTP APIs use $context.routeKey); format has neither $context.requestId nor $context.extendedRequestId: API Gateway requires one of them and AWS recommends both
}

func ExampleWarnings() {
	// A variable the catalogue does not list passes, with a warning; a likely typo fails.
	format := "$context.requestId $context.fooBarQux"
	fmt.Println(accesslog.Validate(format, accesslog.REST))
	for _, w := range accesslog.Warnings(format, accesslog.REST) {
		fmt.Println(w)
	}
	fmt.Println(accesslog.Validate("$context.requestId $context.stauts", accesslog.REST))
	// Output:
	// <nil>
	// $context.fooBarQux is not in the catalogue of REST API variables (developer guide as of 2026-11-25); it is passed to API Gateway unchanged — check the spelling
	// $context.stauts is not a REST API access-log variable (did you mean $context.status?)
}

func ExampleValidateKnown() {
	// CDK-style token standing for a part known only after deployment.
	err := accesslog.ValidateKnown(`$context.status ${Token[TOKEN.12]}`, accesslog.REST, "${Token[TOKEN.12]}")
	fmt.Println(err)
	// Output:
	// <nil>
}

func ExampleNormalize() {
	fmt.Printf("%q\n", accesslog.Normalize("  $context.requestId \t $context.status\n"))
	// Output:
	// "$context.requestId $context.status"
}

func ExampleBuild() {
	format, err := accesslog.Build(accesslog.JSON,
		accesslog.Field{Name: "requestId", Var: accesslog.RequestID},
		accesslog.Field{Name: "ip", Var: accesslog.SourceIP},
		accesslog.Field{Name: "email", Var: accesslog.AuthorizerClaim("email")},
	)
	fmt.Println(format, err)
	// Output:
	// {"requestId":"$context.requestId","ip":"$context.identity.sourceIp","email":"$context.authorizer.claims.email"} <nil>
}

func ExampleSample() {
	line, err := accesslog.Sample(`{"id":"$context.requestId","ip":"$context.identity.sourceIp","status":$context.status}`, accesslog.HTTP)
	fmt.Println(line, err)
	// Output:
	// {"id":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","ip":"198.51.100.24","status":200} <nil>
}

func ExampleParse() {
	fields, err := accesslog.Parse(`$context.identity.sourceIp [$context.requestTime] $context.status $context.requestId`,
		`198.51.100.7 [25/Nov/2026:05:25:26 +0000] 404 6f1c2d3e-aaaa-4bbb-8ccc-0123456789ab`)
	fmt.Println(fields["identity.sourceIp"], fields["requestTime"], fields["status"], err)
	// Output:
	// 198.51.100.7 25/Nov/2026:05:25:26 +0000 404 <nil>
}

func ExampleNewParser() {
	p, err := accesslog.NewParser(`{"id":"$context.requestId","who":{"ip":"$context.identity.sourceIp"}}`)
	if err != nil {
		panic(err)
	}
	for _, f := range p.Fields() {
		fmt.Println(f.Name, f.Var)
	}
	fields, err := p.Parse(`{"id":"r-1","who":{"ip":"198.51.100.9"}}`)
	fmt.Println(fields, err)
	// Output:
	// id $context.requestId
	// who.ip $context.identity.sourceIp
	// map[id:r-1 who.ip:198.51.100.9] <nil>
}

func ExampleEstimate() {
	format, _ := accesslog.Preset("json", accesslog.REST)
	cost, err := accesslog.Estimate(format, accesslog.REST)
	fmt.Printf("%d bytes, $%.4f standard, $%.4f infrequent access per million requests %v\n",
		cost.Bytes, cost.StandardPerMillion, cost.InfrequentAccessPerMillion, err)
	// Output:
	// 541 bytes, $0.2519 standard, $0.1260 infrequent access per million requests <nil>
}

func ExampleVariables() {
	n := 0
	for _, info := range accesslog.Variables(accesslog.WebSocket) {
		if info.Var == accesslog.ConnectionID {
			fmt.Println(info.Var, "-", info.Description, "e.g.", info.Example)
		}
		n++
	}
	fmt.Println(n > 40)
	// Output:
	// $context.connectionId - A unique ID for the connection, for callbacks to the client. e.g. L0SM9cOFvHcCIhw=
	// true
}

func ExamplePresetNames() {
	fmt.Println(accesslog.PresetNames())
	fmt.Println(accesslog.PresetsFor(accesslog.HTTP))
	// Output:
	// [clf csv http-clf http-json json websocket-json xml]
	// [http-clf http-json]
}

func ExampleJSONPresetFields() {
	for _, c := range accesslog.JSONPresetFields()[:3] {
		fmt.Printf("%s (%s): %s\n", c.Field.Name, c.Job, c.Field.Var)
	}
	// Output:
	// requestTime (audit): $context.requestTime
	// requestId (audit): $context.requestId
	// extendedRequestId (audit): $context.extendedRequestId
}
