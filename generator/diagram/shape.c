/*
 * shape: the outlines of the nodes' shapes (lay_shape), one definition
 * for every painter and for the flowchart layout, which clips its edges to
 * the same outlines.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diagram/paint.h"

#include "base/xalloc.h"

/* How far a cubic Bézier's control points sit along the tangents to draw
 * a quarter circle: 4/3 (sqrt 2 - 1). */
#define KAPPA 0.5522847498

/* A quarter of an ellipse centred at cx, cy with radii rx, ry, from angle
 * a (in quarter turns: 0 east, 1 south, 2 west, 3 north, y down) to a + 1
 * or a - 1 (dir). */
static void quarter(struct paint_path *p, double cx, double cy, double rx, double ry, int a, int dir)
{
	static const double cosq[4] = {1, 0, -1, 0}, sinq[4] = {0, 1, 0, -1};
	int b = ((a + dir) % 4 + 4) % 4;
	double x0 = cx + rx * cosq[a], y0 = cy + ry * sinq[a];
	double x1 = cx + rx * cosq[b], y1 = cy + ry * sinq[b];
	/* The tangent at a point of angle t, turning in dir, is (-sin t, cos t) * dir. */
	paint_path_curve(p, x0 - dir * KAPPA * rx * sinq[a], y0 + dir * KAPPA * ry * cosq[a],
	                 x1 + dir * KAPPA * rx * sinq[b], y1 - dir * KAPPA * ry * cosq[b], x1, y1);
}

static void rounded_rect(struct paint_path *p, struct lay_rect b, double r)
{
	if (r > b.w / 2)
		r = b.w / 2;
	if (r > b.h / 2)
		r = b.h / 2;
	paint_path_move(p, b.x + r, b.y);
	paint_path_line(p, b.x + b.w - r, b.y);
	if (r > 0)
		quarter(p, b.x + b.w - r, b.y + r, r, r, 3, 1);
	paint_path_line(p, b.x + b.w, b.y + b.h - r);
	if (r > 0)
		quarter(p, b.x + b.w - r, b.y + b.h - r, r, r, 0, 1);
	paint_path_line(p, b.x + r, b.y + b.h);
	if (r > 0)
		quarter(p, b.x + r, b.y + b.h - r, r, r, 1, 1);
	paint_path_line(p, b.x, b.y + r);
	if (r > 0)
		quarter(p, b.x + r, b.y + r, r, r, 2, 1);
	paint_path_close(p);
}

static void ellipse(struct paint_path *p, double cx, double cy, double rx, double ry)
{
	paint_path_move(p, cx + rx, cy);
	for (int a = 0; a < 4; a++)
		quarter(p, cx, cy, rx, ry, a, 1);
	paint_path_close(p);
}

double paint_lid_radius(double width, double height)
{
	double ry = width / 2 / (2.5 + width / 50);
	return ry > height / 4 ? height / 4 : ry;
}

static void cylinder(struct paint_path *p, struct paint_path *extra, struct lay_rect b)
{
	double rx = b.w / 2, ry = paint_lid_radius(b.w, b.h), cx = b.x + rx;
	double top = b.y + ry, bottom = b.y + b.h - ry;
	paint_path_move(p, b.x, top);
	quarter(p, cx, top, rx, ry, 2, 1);      /* west to north */
	quarter(p, cx, top, rx, ry, 3, 1);      /* north to east */
	paint_path_line(p, b.x + b.w, bottom);
	quarter(p, cx, bottom, rx, ry, 0, 1);   /* east to south */
	quarter(p, cx, bottom, rx, ry, 1, 1);   /* south to west */
	paint_path_close(p);
	/* The front of the lid. */
	paint_path_move(extra, b.x, top);
	quarter(extra, cx, top, rx, ry, 2, -1); /* west to south */
	quarter(extra, cx, top, rx, ry, 1, -1); /* south to east */
}

static void diamond(struct paint_path *p, struct lay_rect b)
{
	paint_path_move(p, b.x + b.w / 2, b.y);
	paint_path_line(p, b.x + b.w, b.y + b.h / 2);
	paint_path_line(p, b.x + b.w / 2, b.y + b.h);
	paint_path_line(p, b.x, b.y + b.h / 2);
	paint_path_close(p);
}

/* Mermaid's inset for the inner lines of a subroutine. */
#define SUBROUTINE_INSET 8.0

static void subroutine(struct paint_path *p, struct paint_path *extra, struct lay_rect b)
{
	rounded_rect(p, b, 0);
	paint_path_move(extra, b.x + SUBROUTINE_INSET, b.y);
	paint_path_line(extra, b.x + SUBROUTINE_INSET, b.y + b.h);
	paint_path_move(extra, b.x + b.w - SUBROUTINE_INSET, b.y);
	paint_path_line(extra, b.x + b.w - SUBROUTINE_INSET, b.y + b.h);
}

/* A stick figure in the top PAINT_ACTOR_HEIGHT of box: the head is the
 * outline, the body, arms and legs the extra strokes. */
static void actor(struct paint_path *p, struct paint_path *extra, struct lay_rect b)
{
	double cx = b.x + b.w / 2, top = b.y;
	ellipse(p, cx, top + 9, 8, 8);
	paint_path_move(extra, cx, top + 17);
	paint_path_line(extra, cx, top + 33);
	paint_path_move(extra, cx - 13, top + 23);
	paint_path_line(extra, cx + 13, top + 23);
	paint_path_move(extra, cx - 11, top + PAINT_ACTOR_HEIGHT);
	paint_path_line(extra, cx, top + 33);
	paint_path_line(extra, cx + 11, top + PAINT_ACTOR_HEIGHT);
}

void paint_shape_path(enum lay_shape shape, struct lay_rect box, struct paint_path *path, struct paint_path *extra)
{
	path->fill = true;
	extra->fill = false;
	switch (shape) {
	case LAY_SHAPE_BOX: rounded_rect(path, box, 8); break;
	case LAY_SHAPE_RECT: rounded_rect(path, box, 0); break;
	case LAY_SHAPE_ROUNDED: rounded_rect(path, box, 5); break;
	case LAY_SHAPE_STADIUM: rounded_rect(path, box, box.h / 2); break;
	case LAY_SHAPE_CYLINDER: cylinder(path, extra, box); break;
	case LAY_SHAPE_CIRCLE: {
		double r = fmin(box.w, box.h) / 2;
		ellipse(path, box.x + box.w / 2, box.y + box.h / 2, r, r);
		break;
	}
	case LAY_SHAPE_DIAMOND: diamond(path, box); break;
	case LAY_SHAPE_SUBROUTINE: subroutine(path, extra, box); break;
	case LAY_SHAPE_ACTOR: actor(path, extra, box); break;
	case LAY_SHAPES: break;
	}
}

/* ---- inside an outline, and cutting curves at outlines ------------------- */

/* The most straight pieces a Bézier segment is followed by (a quarter
 * circle of radius 300 then strays less than 0.05 px), and how many
 * points along an edge's segment are tried when looking for where it
 * crosses an outline. */
#define FLATTEN 64
#define SAMPLES 16

static struct lay_point bezier_at(const struct lay_point p[4], double t)
{
	double u = 1 - t;
	double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
	return (struct lay_point){a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
	                          a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y};
}

/* An outline flattened once into straight edges, for many inside tests. */
struct flat {
	struct lay_point *from, *to;    /* owned: edge i runs from from[i] to to[i] */
	size_t n, cap;
	double x0, y0, x1, y1;          /* the edges' bounding box */
};

static void flat_edge(struct flat *f, struct lay_point a, struct lay_point b)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->from = xrealloc(f->from, f->cap * sizeof *f->from);
		f->to = xrealloc(f->to, f->cap * sizeof *f->to);
	}
	f->from[f->n] = a;
	f->to[f->n++] = b;
	f->x0 = fmin(f->x0, fmin(a.x, b.x));
	f->y0 = fmin(f->y0, fmin(a.y, b.y));
	f->x1 = fmax(f->x1, fmax(a.x, b.x));
	f->y1 = fmax(f->y1, fmax(a.y, b.y));
}

/* How many straight pieces follow segment p closely: an arc of radius r
 * cut into n pieces strays about r (pi/2)^2 / (8 n^2) for a quarter turn,
 * and its control polygon is about 1.6 r long, so 10 times that length
 * under the root keeps within 0.03 px. */
static int curve_pieces(const struct lay_point p[4])
{
	double len = 0;
	for (int i = 0; i < 3; i++)
		len += hypot(p[i + 1].x - p[i].x, p[i + 1].y - p[i].y);
	double n = ceil(sqrt(10 * len));
	return n < 2 ? 2 : n > FLATTEN ? FLATTEN : (int)n;
}

/* Flattens path's outlines (an open one closes itself, as a fill does). */
static struct flat flatten(const struct paint_path *path)
{
	struct flat f = {NULL, NULL, 0, 0, INFINITY, INFINITY, -INFINITY, -INFINITY};
	struct lay_point cur = {0, 0}, first = {0, 0};
	size_t k = 0;           /* the next point pair */
	for (size_t i = 0; i < path->nops; i++) {
		const double *q = path->pts + 2 * k;
		switch (path->ops[i]) {
		case PAINT_MOVE:
			if (cur.x != first.x || cur.y != first.y)
				flat_edge(&f, cur, first);
			cur = first = (struct lay_point){q[0], q[1]};
			k++;
			break;
		case PAINT_LINE:
			flat_edge(&f, cur, (struct lay_point){q[0], q[1]});
			cur = (struct lay_point){q[0], q[1]};
			k++;
			break;
		case PAINT_CURVE: {
			struct lay_point seg[4] = {cur, {q[0], q[1]}, {q[2], q[3]}, {q[4], q[5]}};
			int pieces = curve_pieces(seg);
			for (int s = 1; s <= pieces; s++) {
				struct lay_point next = s == pieces ? seg[3] : bezier_at(seg, (double)s / pieces);
				flat_edge(&f, cur, next);
				cur = next;
			}
			k += 3;
			break;
		}
		case PAINT_CLOSE:
			if (cur.x != first.x || cur.y != first.y)
				flat_edge(&f, cur, first);
			cur = first;
			break;
		}
	}
	if (cur.x != first.x || cur.y != first.y)
		flat_edge(&f, cur, first);
	return f;
}

static void flat_free(struct flat *f)
{
	free(f->from);
	free(f->to);
}

/* Even-odd: how many edges the ray going right from x, y crosses. */
static bool flat_contains(const struct flat *f, double x, double y)
{
	if (x < f->x0 || x > f->x1 || y < f->y0 || y > f->y1)
		return false;
	bool inside = false;
	for (size_t i = 0; i < f->n; i++) {
		struct lay_point a = f->from[i], b = f->to[i];
		if ((a.y > y) != (b.y > y) && a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x) > x)
			inside = !inside;
	}
	return inside;
}

bool paint_path_contains(const struct paint_path *path, double x, double y)
{
	struct flat f = flatten(path);
	bool inside = flat_contains(&f, x, y);
	flat_free(&f);
	return inside;
}

/* Splits segment p at t (de Casteljau): the part before t into left, the
 * part after into right (either may be NULL). */
static void bezier_split(const struct lay_point p[4], double t, struct lay_point left[4], struct lay_point right[4])
{
	struct lay_point ab = {p[0].x + (p[1].x - p[0].x) * t, p[0].y + (p[1].y - p[0].y) * t};
	struct lay_point bc = {p[1].x + (p[2].x - p[1].x) * t, p[1].y + (p[2].y - p[1].y) * t};
	struct lay_point cd = {p[2].x + (p[3].x - p[2].x) * t, p[2].y + (p[3].y - p[2].y) * t};
	struct lay_point abc = {ab.x + (bc.x - ab.x) * t, ab.y + (bc.y - ab.y) * t};
	struct lay_point bcd = {bc.x + (cd.x - bc.x) * t, bc.y + (cd.y - bc.y) * t};
	struct lay_point m = {abc.x + (bcd.x - abc.x) * t, abc.y + (bcd.y - abc.y) * t};
	if (left) {
		left[0] = p[0], left[1] = ab, left[2] = abc, left[3] = m;
	}
	if (right) {
		right[0] = m, right[1] = bcd, right[2] = cd, right[3] = p[3];
	}
}

static bool point_inside(const struct flat *outline, struct lay_point p)
{
	return flat_contains(outline, p.x, p.y);
}

/* The t in [lo, hi] of segment p where it crosses outline, by halving:
 * the point at lo is inside when in_at_lo, the one at hi the other way. */
static double crossing(const struct lay_point p[4], const struct flat *outline, double lo, double hi,
                       bool in_at_lo)
{
	for (int i = 0; i < 24; i++) {       /* to a ten-millionth of the step */
		double mid = (lo + hi) / 2;
		if (point_inside(outline, bezier_at(p, mid)) == in_at_lo)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

/* Drops what lies before the line first leaves outline. */
static size_t cut_start(struct lay_point *pts, size_t npts, const struct flat *outline)
{
	if (!point_inside(outline, pts[0]))
		return npts;
	for (size_t s = 0; s + 3 < npts; s += 3) {
		for (int j = 1; j <= SAMPLES; j++) {
			double t = (double)j / SAMPLES;
			if (point_inside(outline, bezier_at(pts + s, t)))
				continue;
			struct lay_point right[4];
			bezier_split(pts + s, crossing(pts + s, outline, (double)(j - 1) / SAMPLES, t, true), NULL, right);
			memcpy(pts + s, right, sizeof right);
			memmove(pts, pts + s, (npts - s) * sizeof *pts);
			return npts - s;
		}
	}
	return npts;            /* never leaves: nothing to cut */
}

/* Drops what lies after the line last enters outline. */
static size_t cut_end(struct lay_point *pts, size_t npts, const struct flat *outline)
{
	if (npts < 4 || !point_inside(outline, pts[npts - 1]))
		return npts;
	for (size_t s = npts - 4;; s -= 3) {
		for (int j = SAMPLES - 1; j >= 0; j--) {
			double t = (double)j / SAMPLES;
			if (point_inside(outline, bezier_at(pts + s, t)))
				continue;
			struct lay_point left[4];
			bezier_split(pts + s, crossing(pts + s, outline, (double)(j + 1) / SAMPLES, t, true), left, NULL);
			memcpy(pts + s, left, sizeof left);
			return s + 4;
		}
		if (s < 3)
			return npts;    /* never outside: nothing to cut */
	}
}

size_t paint_curve_clip(struct lay_point *pts, size_t npts, const struct paint_path *start,
                        const struct paint_path *end)
{
	if (npts < 4)
		return npts;
	if (start) {
		struct flat f = flatten(start);
		npts = cut_start(pts, npts, &f);
		flat_free(&f);
	}
	if (end) {
		struct flat f = flatten(end);
		npts = cut_end(pts, npts, &f);
		flat_free(&f);
	}
	return npts;
}
