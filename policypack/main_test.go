package main

import (
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The project file is what the CLI reads to know how to run the pack: it must parse and name the Go runtime.
func TestProjectFile(t *testing.T) {
	t.Parallel()
	path, err := filepath.Abs("PulumiPolicy.yaml")
	require.NoError(t, err)
	proj, err := workspace.LoadPolicyPack(path)
	require.NoError(t, err)
	assert.Equal(t, "go", proj.Runtime.Name())
	require.NotNil(t, proj.Description)
	assert.NotEmpty(t, *proj.Description)
}
