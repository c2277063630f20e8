vcl 4.1;

# Varnish in front of the portal. The portal says what may be kept and for how long
# (Cache-Control: s-maxage and stale-while-revalidate on readers' pages; private, no-store on
# anything an editor sees; no-store on the visit counter), so this file only decides who is a
# reader: a request without the editor's session cookie. Readers' other cookies (the visit
# counter's, anything a browser adds) do not change a page and are dropped, so that they share
# one copy. Varnish stores gzip and serves readers gzip or plain bytes.

backend portal {
    .host = "127.0.0.1";
    .port = "3000";
}

sub vcl_recv {
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors, the visit counter and server functions always reach the portal.
    if (req.http.Cookie ~ "(^|;\s*)hdnd_phien=" || req.url ~ "^/(thong-ke|api)/") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # A page the portal set a cookie on belongs to one client: never kept.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    # For tests and operators: whether this answer came from Varnish's cache.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
