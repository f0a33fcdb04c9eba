// Command apigw-access-logs is the Pulumi program: `pulumi up` turns on API Gateway access logging for the
// stack's stage. All of it lives in package program, so tests run exactly what this runs.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/apigw-access-logs/apigw-access-logs/components/program"
)

func main() {
	pulumi.Run(program.Run)
}
