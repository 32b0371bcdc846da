/*
 * svgdraw: librsvg, loaded with dlopen, behind four calls (svgdraw.h).
 */
#include "base/svgdraw.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librsvg/rsvg.h>

#include "base/xalloc.h"

#define LIBRSVG "librsvg-2.so.2"

/* The functions used, typed by librsvg's header though not linked. */
static struct {
	__typeof__(rsvg_handle_new_from_file) *new_from_file;
	__typeof__(rsvg_handle_new_from_data) *new_from_data;
	__typeof__(rsvg_handle_render_document) *render_document;
	__typeof__(g_object_unref) *unref;
	__typeof__(g_clear_error) *clear_error;
	char error[256];        /* why it could not be loaded; "" when it was */
} rsvg;

static pthread_once_t rsvg_once = PTHREAD_ONCE_INIT;

struct svgdraw {
	RsvgHandle *handle;
};

/* dlsym's result as the function pointer *fn (POSIX lets a void * hold
 * one; C only lets it be copied so).  False when name is missing. */
static bool take_symbol(void *lib, const char *name, void *fn, size_t size)
{
	void *p = dlsym(lib, name);
	if (p == NULL || size != sizeof p)
		return false;
	memcpy(fn, &p, size);
	return true;
}

static void load_rsvg(void)
{
	void *lib = dlopen(LIBRSVG, RTLD_NOW | RTLD_LOCAL);
	/* GLib's functions are found through librsvg, which depends on it. */
	bool ok = lib && take_symbol(lib, "rsvg_handle_new_from_file", &rsvg.new_from_file, sizeof rsvg.new_from_file) &&
	          take_symbol(lib, "rsvg_handle_new_from_data", &rsvg.new_from_data, sizeof rsvg.new_from_data) &&
	          take_symbol(lib, "rsvg_handle_render_document", &rsvg.render_document, sizeof rsvg.render_document) &&
	          take_symbol(lib, "g_object_unref", &rsvg.unref, sizeof rsvg.unref) &&
	          take_symbol(lib, "g_clear_error", &rsvg.clear_error, sizeof rsvg.clear_error);
	if (!ok) {
		const char *why = dlerror();
		snprintf(rsvg.error, sizeof rsvg.error, "%s cannot be loaded (%s); install the Debian package librsvg2-2",
		         LIBRSVG, why ? why : "a function is missing");
	}
}

bool svgdraw_missing(void)
{
	return rsvg.error[0] != '\0';
}

/* Wraps what librsvg made, or says why it made nothing. */
static struct svgdraw *opened(RsvgHandle *handle, GError *error, char **why)
{
	if (handle == NULL) {
		*why = xstrdup(error && error->message ? error->message : "librsvg cannot read it");
		rsvg.clear_error(&error);
		return NULL;
	}
	struct svgdraw *s = xcalloc(1, sizeof *s);
	s->handle = handle;
	return s;
}

struct svgdraw *svgdraw_open_file(const char *path, char **why)
{
	pthread_once(&rsvg_once, load_rsvg);
	if (rsvg.error[0]) {
		*why = xstrdup(rsvg.error);
		return NULL;
	}
	GError *error = NULL;
	RsvgHandle *handle = rsvg.new_from_file(path, &error);
	return opened(handle, error, why);
}

struct svgdraw *svgdraw_open_data(const void *data, size_t len, char **why)
{
	pthread_once(&rsvg_once, load_rsvg);
	if (rsvg.error[0]) {
		*why = xstrdup(rsvg.error);
		return NULL;
	}
	GError *error = NULL;
	RsvgHandle *handle = rsvg.new_from_data(data, len, &error);
	return opened(handle, error, why);
}

bool svgdraw_render(struct svgdraw *s, cairo_t *cr, double x, double y, double w, double h, char **why)
{
	RsvgRectangle viewport = {x, y, w, h};
	GError *error = NULL;
	if (rsvg.render_document(s->handle, cr, &viewport, &error))
		return true;
	*why = xstrdup(error && error->message ? error->message : "librsvg cannot draw it");
	rsvg.clear_error(&error);
	return false;
}

void svgdraw_free(struct svgdraw *s)
{
	if (s == NULL)
		return;
	rsvg.unref(s->handle);
	free(s);
}
