package simaws

import (
	"context"
	"fmt"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Serve serves the account as the `aws` resource provider over gRPC on a free port of the loopback interface,
// for a Pulumi CLI told to use it instead of starting the plugin: PULUMI_DEBUG_PROVIDERS=aws:<port>. It
// serves until ctx is done; stop waits for the server to end.
//
// The CLI attaches to the running provider (Attach) rather than starting it, and configures it once per
// engine operation it runs (the preview before an update, then the update), so the served provider accepts
// both, unlike the in-process one of Loader, which the engine configures once.
func (a *Account) Serve(ctx context.Context) (port int, stop func() error, err error) {
	cancel := make(chan bool)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(srv, plugin.NewProviderServer(&attached{a.Provider(), a}))
			return nil
		},
	})
	if err != nil {
		return 0, nil, fmt.Errorf("serving the simulated account: %w", err)
	}
	go func() {
		<-ctx.Done()
		close(cancel)
	}()
	return handle.Port, func() error { return <-handle.Done }, nil
}

// attached is the account's provider as a running plugin the CLI attaches to.
type attached struct {
	plugin.Provider
	account *Account
}

// Attach accepts the engine's address; the account sends the engine nothing.
func (*attached) Attach(string) error { return nil }

// Configure checks the configuration each time the engine sends it.
func (p *attached) Configure(ctx context.Context, req plugin.ConfigureRequest) (plugin.ConfigureResponse, error) {
	return p.account.configure(ctx, req)
}
