package apigwlogs

import (
	"fmt"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// lookups are the provider functions the components need about the AWS account they deploy to: the partition
// (for the managed policy's ARN), the region and the account id (for a key policy). Each is invoked at most
// once per run and provider, however many components ask, and never in front of another lookup: the
// partition, which the CloudWatch role needs as soon as the account setting has been read, is fetched when the
// lookups are created, beside that read.
type lookups struct {
	partition, region, accountID func() (string, error)
}

// lookupScope identifies the provider a component's lookups go to: the run's default provider, or one given to
// a component explicitly (as a provider or through a parent that is not one of this package's components).
type lookupScope struct {
	ctx *pulumi.Context
	by  any
}

// scopes maps a lookupScope, and each component of this package, to its lookups.
var scopes sync.Map

// lookupsFor returns the lookups for the component c registered with opts. Components on the default provider
// share one set per run; a part created by a component of this package shares its parent's.
//
// The Go SDK lets a program register resources and call invokes from several goroutines: the context guards
// its shared state with locks (sdk/go/pulumi/context.go, v3.274.1: rpcsLock for the count of outstanding
// RPCs, registeredOutputsLock, callbacksLock) and itself registers resources from goroutines (every apply
// runs in one); RunErr waits for every outstanding RPC. The components use that to run lookups beside the
// read of the account setting.
func lookupsFor(ctx *pulumi.Context, c pulumi.Resource, opts []pulumi.ResourceOption) *lookups {
	if l, ok := scopes.Load(lookupScope{ctx, c}); ok {
		return l.(*lookups)
	}
	ro, err := pulumi.NewResourceOptions(opts...)
	scope := lookupScope{ctx: ctx}
	switch {
	case err != nil:
		scope.by = c
	case ro.Parent != nil:
		if l, ok := scopes.Load(lookupScope{ctx, ro.Parent}); ok {
			scopes.Store(lookupScope{ctx, c}, l)
			return l.(*lookups)
		}
		scope.by = ro.Parent
	case ro.Provider != nil:
		scope.by = ro.Provider
	case len(ro.Providers) > 0:
		scope.by = c
	}
	l, loaded := scopes.LoadOrStore(scope, newLookups(ctx, c))
	scopes.Store(lookupScope{ctx, c}, l)
	if !loaded {
		go func() { _, _ = l.(*lookups).partition() }() // prefetch: the role needs it right after the read
	}
	return l.(*lookups)
}

// where returns the partition, region and account id, for ARNs and policies that name all three.
func (l *lookups) where() (partition, region, account string, err error) {
	if partition, err = l.partition(); err != nil {
		return "", "", "", err
	}
	if region, err = l.region(); err != nil {
		return "", "", "", err
	}
	account, err = l.accountID()
	return partition, region, account, err
}

func newLookups(ctx *pulumi.Context, c pulumi.Resource) *lookups {
	// result holds the field each function's answer is read from.
	type result struct {
		Partition string `pulumi:"partition"`
		Name      string `pulumi:"name"`
		AccountID string `pulumi:"accountId"`
	}
	invoke := func(tok string, field func(result) string) func() (string, error) {
		return sync.OnceValues(func() (string, error) {
			var out result
			if err := ctx.Invoke(tok, nil, &out, pulumi.Parent(c)); err != nil {
				return "", fmt.Errorf("%s: %w", tok, err)
			}
			return field(out), nil
		})
	}
	return &lookups{
		partition: invoke("aws:index/getPartition:getPartition", func(r result) string { return r.Partition }),
		region:    invoke("aws:index/getRegion:getRegion", func(r result) string { return r.Name }),
		accountID: invoke("aws:index/getCallerIdentity:getCallerIdentity", func(r result) string { return r.AccountID }),
	}
}
