/*
 * Folio in-page contents: marks the section being read.
 *
 * Progressive enhancement: the contents (.toc__list) are plain links that
 * work without this script.  It marks the entry of the section being read
 * with aria-current="location", in every copy of the contents (the side
 * list of wide screens and the folding one of narrow screens).
 *
 * No scroll handler: an IntersectionObserver watches the targets of the
 * contents' links.  Its root is the window stretched far upwards and cut
 * off 15 % of the way down, so a target intersects it exactly when
 * its top has passed that reading line; the section being read is the
 * last target, in document order, that has.  Above the first one, nothing
 * is marked.
 */
(function () {
  'use strict';

  if (!('IntersectionObserver' in window)) return;

  /* One entry per target: the element and the links that lead to it. */
  var entries = [];
  var byTarget = new Map();
  document.querySelectorAll('.toc__list a[href^="#"]').forEach(function (link) {
    var id;
    try {
      id = decodeURIComponent(link.getAttribute('href').slice(1));
    } catch (e) {
      return;
    }
    var target = document.getElementById(id);
    if (!target) return;
    var entry = byTarget.get(target);
    if (!entry) {
      entry = { target: target, links: [], reached: false };
      byTarget.set(target, entry);
      entries.push(entry);
    }
    entry.links.push(link);
  });
  if (entries.length === 0) return;
  entries.sort(function (a, b) {
    return a.target.compareDocumentPosition(b.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });

  var current = null;

  function setCurrent(entry) {
    if (entry === current) return;
    if (current) {
      current.links.forEach(function (link) { link.removeAttribute('aria-current'); });
    }
    current = entry;
    if (current) {
      current.links.forEach(function (link) {
        link.setAttribute('aria-current', 'location');
        keepInView(link);
      });
    }
  }

  /* A list taller than the window scrolls inside its nav: bring the
   * marked link into it there, leaving the page where it is. */
  function keepInView(link) {
    var nav = link.closest('nav');
    if (!nav || nav.scrollHeight <= nav.clientHeight) return;
    var top = link.getBoundingClientRect().top - nav.getBoundingClientRect().top;
    if (top < 0 || top + link.offsetHeight > nav.clientHeight) {
      nav.scrollTop += top - nav.clientHeight / 2;
    }
  }

  function lastReached() {
    var last = null;
    entries.forEach(function (entry) {
      if (entry.reached) last = entry;
    });
    return last;
  }

  var observer = new IntersectionObserver(function (changes) {
    changes.forEach(function (change) {
      byTarget.get(change.target).reached = change.isIntersecting;
    });
    setCurrent(lastReached());
  }, { rootMargin: '1000000px 0px -85% 0px' });

  entries.forEach(function (entry) { observer.observe(entry.target); });
})();
