package fleet_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/patchbay/patchbay/internal/analyze"
	"github.com/patchbay/patchbay/internal/fleet"
	"github.com/patchbay/patchbay/internal/image"
	"github.com/patchbay/patchbay/internal/store/storetest"
	"github.com/patchbay/patchbay/internal/testenv"
)

// TestSyncBacksOffOnTooManyRequests puts a rate-limiting proxy in front of a real registry: the first request
// for every path is answered 429 Too Many Requests, as a registry under load does. The sync still sees every tag.
func TestSyncBacksOffOnTooManyRequests(t *testing.T) {
	reg := testenv.StartRegistry(t, "fleet", "")
	push(t, corpusImage(t, "corpus.local/debian-base:v1"), reg.Host+"/ratelimited/base:v1")
	push(t, corpusImage(t, "corpus.local/debian-base:v2"), reg.Host+"/ratelimited/base:v2")
	target, _ := url.Parse("http://" + reg.Host)
	proxy := httputil.NewSingleHostReverseProxy(target)
	var mu sync.Mutex
	seen := map[string]bool{}
	limited := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		first := !seen[r.Method+r.URL.String()]
		seen[r.Method+r.URL.String()] = true
		if first {
			limited++
		}
		mu.Unlock()
		if first {
			w.Header().Set("Retry-After", "0")
			http.Error(w, `{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}`, http.StatusTooManyRequests)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	db := storetest.Dialects(t)[0].Open(t)
	cats := analyze.DefaultCatalogers()
	a := &analyze.Analyzer{Catalogers: cats, Cache: analyze.OpenCache(t.TempDir(), analyze.AnalyserVersion(cats))}
	st, err := fleet.SyncRegistry(context.Background(), db, a, fleet.Registry{Host: host, Insecure: true, RepoPattern: "ratelimited/**"}, image.Options{})
	if err != nil || len(st.Problems) > 0 {
		t.Fatalf("sync through the rate limit: %v %v", err, st.Problems)
	}
	if st.Tags != 2 || st.NewImages != 2 || limited == 0 {
		t.Errorf("sync %+v after %d answers of 429: want both tags and images", st, limited)
	}
}
