package insights_test

import (
	"fmt"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/components/insights"
)

func ExampleQueries() {
	format, _ := accesslog.Preset("clf", accesslog.REST)
	queries, skipped, err := insights.Queries(format, accesslog.REST)
	if err != nil {
		panic(err)
	}
	fmt.Println(queries[1].Name)
	fmt.Println(queries[1].Text)
	for _, s := range skipped {
		fmt.Printf("left out %s: %s\n", s.Name, s.Reason)
	}
	// Output:
	// 5xx-responses
	// parse @message "* * * [*] \"* * *\" * * * *" as identity.sourceIp, identity.caller, identity.user, requestTime, httpMethod, resourcePath, protocol, status, responseLength, requestId, extendedRequestId
	// | filter status like /^5\d\d$/
	// | fields @timestamp, status, httpMethod, resourcePath, requestId
	// | sort @timestamp desc
	// | limit 100
	// left out slowest-requests: the format has none of $context.responseLatency, $context.integrationLatency or $context.integration.latency
}

func ExampleFilterPattern5XX() {
	for _, name := range []string{"json", "clf", "csv", "xml"} {
		format, _ := accesslog.Preset(name, accesslog.REST)
		pattern, err := insights.FilterPattern5XX(format, accesslog.REST)
		fmt.Println(name, pattern, err)
	}
	// A custom format with the status as a bare JSON number is compared as a number.
	pattern, err := insights.FilterPattern5XX(`{"id":"$context.requestId","status":$context.status}`, accesslog.REST)
	fmt.Println(pattern, err)
	// Output:
	// json { $.status = "5*" } <nil>
	// clf [sourceIp, caller, user, requestTime, f5, status=5*, responseLength, requestId, extendedRequestId] <nil>
	// csv %^[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,5\d\d,% <nil>
	// xml %\x3Cstatus\x3E5\d\d\x3C/status\x3E% <nil>
	// { $.status >= 500 && $.status <= 599 } <nil>
}
