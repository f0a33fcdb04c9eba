package insights_test

import (
	"encoding/json"
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

func ExampleDashboard() {
	format, _ := accesslog.Preset("http-json", accesslog.HTTP)
	body, skipped, err := insights.Dashboard(insights.DashboardInput{
		Format:   format,
		API:      accesslog.HTTP,
		LogGroup: "/aws/apigateway/shop-prod-access",
		Region:   "eu-west-1",
		APIID:    "a1b2c3d4e5",
		Stage:    "$default",
		AlarmARN: "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-5xx",
	})
	if err != nil {
		panic(err)
	}
	var parsed struct {
		Widgets []struct {
			Type       string
			Properties struct{ Title string }
		}
	}
	if err := json.Unmarshal([]byte(body), &parsed); err != nil {
		panic(err)
	}
	for _, w := range parsed.Widgets {
		fmt.Printf("%s: %s\n", w.Type, w.Properties.Title)
	}
	fmt.Println("left out:", len(skipped))
	fmt.Println("name:", insights.DashboardName("shop", "prod", "$default"))
	// Output:
	// alarm: 5XX alarm
	// metric: Requests (API Gateway)
	// metric: 4xx and 5xx errors (API Gateway)
	// metric: Latency (ms, API Gateway)
	// metric: Integration latency (ms, API Gateway)
	// log: Requests (access log)
	// log: 4XX responses (access log)
	// log: 5XX responses (access log)
	// log: Response latency p50, p90, p99 (ms, access log)
	// log: Integration latency p50, p90, p99 (ms, access log)
	// log: Top routes
	// log: Top client IPs
	// log: Slowest requests (ms)
	// left out: 0
	// name: shop-prod-_default
}
