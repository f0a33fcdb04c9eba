package verify_test

import (
	"context"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"

	"github.com/apigw-access-logs/apigw-access-logs/components/accesslog"
	"github.com/apigw-access-logs/apigw-access-logs/tests/verify"
)

// Check against a deployed stage, with the AWS SDK's default credentials. Not run by go test: it needs an
// AWS account.
func ExampleCheck() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"))
	if err != nil {
		log.Fatal(err)
	}
	format, _ := accesslog.Preset("json", accesslog.REST)
	res, err := verify.Check(ctx, verify.Options{
		InvokeURL: "https://abc123defg.execute-api.us-east-1.amazonaws.com/dev",
		Path:      "/health",
		LogGroup:  "/apigateway/apigw-access-logs/dev/access",
		Format:    format,
		Logs:      cloudwatchlogs.NewFromConfig(cfg),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.RequestID, res.Fields["status"])
}
