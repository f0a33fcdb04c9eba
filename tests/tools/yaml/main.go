// Command pulumi-language-yaml is the YAML language host of pulumi-yaml v1.25.0, the newest release the Go
// module proxy serves, served as its own main serves it, with the one RPC that release lacks and the Pulumi
// CLI (v3.274.1) calls at the end of `pulumi package add`: Link. Later pulumi-yaml releases answer Link with
// nothing to do, because a YAML program needs no SDK linked into it; so does this one. Everything else, and
// all of running a program, is pulumi-yaml's own code.
//
// The cross-language tests (tests/crosslang) run YAML programs through the Pulumi CLI with it; .ci/run builds
// it into tests/tools/bin.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/pulumi/pulumi-yaml/pkg/server"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

func main() {
	// The flags pulumi-yaml's main takes; the engine's address follows them.
	tracing := flag.String("tracing", "", "Emit tracing to a Zipkin-compatible tracing endpoint")
	flag.String("root", "", "Root of the program execution")
	flag.String("compiler", "", "[obsolete] Compiler to use to pre-process YAML")
	flag.Parse()
	logging.InitLogging(false, 0, false)
	var engineAddress string
	var cancel chan bool
	if flag.NArg() > 0 {
		engineAddress = flag.Arg(0)
		var err error
		if cancel, err = healthCheck(engineAddress); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start the health check: %w", err))
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, linking{server.NewLanguageHost(engineAddress, *tracing, false)})
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host: %w", err))
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("the language host stopped serving: %w", err))
	}
}

// linking is pulumi-yaml's language host, answering Link.
type linking struct {
	pulumirpc.LanguageRuntimeServer
}

// Link has nothing to do: a YAML program uses a package through its schema, with no SDK to link.
func (linking) Link(context.Context, *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	return &pulumirpc.LinkResponse{}, nil
}

// healthCheck stops the server when the engine goes away or on an interrupt, as pulumi-yaml's main does.
func healthCheck(engineAddress string) (chan bool, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		stop()
		close(cancel)
	}()
	return cancel, rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, stop)
}
