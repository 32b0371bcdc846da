/*
 * shape: the outlines of the nodes' shapes (lay_shape), one definition
 * for every painter and for the flowchart layout, which clips its edges to
 * the same outlines.
 */
#include <math.h>

#include "diagram/paint.h"

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

/* The vertical radius of a cylinder's lid, as Mermaid draws it. */
static double lid_radius(struct lay_rect b)
{
	double ry = b.w / 2 / (2.5 + b.w / 50);
	return ry > b.h / 4 ? b.h / 4 : ry;
}

static void cylinder(struct paint_path *p, struct paint_path *extra, struct lay_rect b)
{
	double rx = b.w / 2, ry = lid_radius(b), cx = b.x + rx;
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
