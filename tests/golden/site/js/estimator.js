/*
 * Folio scope and cost estimator.
 *
 * Progressive enhancement: the page carries the estimator's data in a JSON
 * block (#estimator-data) and a static table of the same figures; this
 * script reveals the form and computes an estimate as the visitor ticks
 * patterns.  The formula is the build's (generator/content/estimate.c), in integer
 * arithmetic so both give the same figures:
 *   the selected patterns fall into groups linked by shared foundations
 *   (all one group when the data lists none); in each group the largest
 *   (highest max, then highest min, then first) counts in full and each
 *   other one adds shared_percent of itself; the sum is scaled by the
 *   volume and experience percentages; min and max are rounded half up
 *   separately; complexity is the highest selected.
 * With a day rate and a team size entered (whole numbers above zero),
 * the cost is min and max × days_per_unit × team × rate.
 *
 * Its words are the page's, so they come from the theme's strings: the
 * text #est-result holds before anything is ticked, and the phrase in its
 * data-result attribute, whose {min}, {max} and {complexity} take the
 * figures ({{ and }} write a brace).  The figures are written as the
 * page's language writes numbers: data-group, between groups of three
 * digits from 1000 on ("1,200"; "1.200" in German).
 */
(function () {
  'use strict';

  /* Whether patterns a and b build on a common foundation; without
   * foundations listed, every pattern shares with every other. */
  function shareFoundation(foundations, a, b) {
    if (!foundations || foundations.length === 0) return true;
    return foundations.some(function (f) {
      return f.patterns.indexOf(a.slug) >= 0 && f.patterns.indexOf(b.slug) >= 0;
    });
  }

  /* The labels of the foundations p shares with another of patterns. */
  function sharedWith(foundations, patterns, p) {
    return (foundations || []).filter(function (f) {
      return f.patterns.indexOf(p.slug) >= 0 && patterns.some(function (q) {
        return q !== p && f.patterns.indexOf(q.slug) >= 0;
      });
    }).map(function (f) { return f.label; });
  }

  /* Whether patterns[j] is larger than patterns[i]: the larger upper
   * bound, then the larger lower bound, then the earlier one. */
  function larger(patterns, j, i) {
    if (patterns[j].max !== patterns[i].max) return patterns[j].max > patterns[i].max;
    if (patterns[j].min !== patterns[i].min) return patterns[j].min > patterns[i].min;
    return j < i;
  }

  /* full[i]: whether patterns[i] counts in full, the largest of its group
   * of patterns linked by shared foundations. */
  function markFull(patterns, foundations) {
    var group = patterns.map(function (p, i) { return i; });
    for (var i = 0; i < patterns.length; i++) {
      for (var j = i + 1; j < patterns.length; j++) {
        if (group[j] !== group[i] && shareFoundation(foundations, patterns[i], patterns[j])) {
          var old = group[j];
          for (var k = 0; k < patterns.length; k++) if (group[k] === old) group[k] = group[i];
        }
      }
    }
    return patterns.map(function (p, a) {
      for (var b = 0; b < patterns.length; b++) {
        if (b !== a && group[b] === group[a] && larger(patterns, b, a)) return false;
      }
      return true;
    });
  }

  function roundUnits(hundredths, volumePercent, experiencePercent) {
    return Math.floor((hundredths * volumePercent * experiencePercent + 500000) / 1000000);
  }

  /* patterns: the selected entries of data.patterns, in the page's order;
   * foundations: data.foundations. */
  function estimate(patterns, sharedPercent, volumePercent, experiencePercent, foundations) {
    if (patterns.length === 0) return { min: 0, max: 0, complexity: 0, risks: [], full: [] };
    var full = markFull(patterns, foundations);
    var minHundredths = 0, maxHundredths = 0, complexity = 0, risks = [];
    patterns.forEach(function (p, i) {
      var share = full[i] ? 100 : sharedPercent;
      minHundredths += p.min * share;
      maxHundredths += p.max * share;
      complexity = Math.max(complexity, p.complexity);
      p.risks.forEach(function (r) { if (risks.indexOf(r) < 0) risks.push(r); });
    });
    return {
      min: roundUnits(minHundredths, volumePercent, experiencePercent),
      max: roundUnits(maxHundredths, volumePercent, experiencePercent),
      complexity: complexity,
      risks: risks,
      full: full
    };
  }

  /* A whole number above zero written in digits only, up to limit; NaN
   * for anything else (empty, decimals, signs, letters, too large). */
  function wholeNumber(text, limit) {
    var t = String(text).trim();
    if (!/^[0-9]+$/.test(t)) return NaN;
    var n = parseInt(t, 10);
    return n >= 1 && n <= limit ? n : NaN;
  }

  /* The cost of e for a day rate and team size: the effort's lower and
   * upper figures × days per unit × team × rate. */
  function cost(e, daysPerUnit, team, rate) {
    return { min: e.min * daysPerUnit * team * rate, max: e.max * daysPerUnit * team * rate };
  }

  function percentOf(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i].percent;
    return 100;
  }

  function neutralId(list) {
    for (var i = 0; i < list.length; i++) if (list[i].percent === 100) return list[i].id;
    return list.length ? list[0].id : '';
  }

  function setText(el, text) { if (el) el.textContent = text; }

  /* A whole number with mark between groups of three digits, from 1000
   * on, as Folio writes the page's numbers. */
  function grouped(n, mark) {
    var digits = String(Math.abs(n)), out = '';
    for (var i = 0; i < digits.length; i++) {
      if (i > 0 && (digits.length - i) % 3 === 0 && digits.length > 3) out += mark;
      out += digits.charAt(i);
    }
    return (n < 0 ? '-' : '') + out;
  }

  /* phrase with each {name} replaced by values[name], as Folio fills its
   * phrases. */
  function fill(phrase, values) {
    return phrase.replace(/\{\{|\}\}|\{([a-z0-9_]+)\}/g, function (all, name) {
      if (!name) return all.charAt(0);
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function start() {
    var form = document.getElementById('estimator-form');
    var block = document.getElementById('estimator-data');
    if (!form || !block) return;
    var data = JSON.parse(block.textContent);
    var volume = form.elements.volume, experience = form.elements.experience;
    /* The page's words: the hint it shows first, and the phrase of a
     * result (the theme's estimate_result string). */
    var result = document.getElementById('est-result');
    var empty = result ? result.textContent : '';
    var phrase = result ? result.getAttribute('data-result') || '' : '';
    var mark = result ? result.getAttribute('data-group') || '' : '';
    if (volume && !volume.dataset.touched) volume.value = neutralId(data.volumes);
    if (experience && !experience.dataset.touched) experience.value = neutralId(data.experience);

    function update() {
      var chosen = data.patterns.filter(function (p) {
        var box = document.getElementById('est-' + p.slug);
        return box && box.checked;
      });
      var e = estimate(chosen, data.shared_percent,
                       percentOf(data.volumes, volume ? volume.value : ''),
                       percentOf(data.experience, experience ? experience.value : ''), data.foundations);
      showCost(chosen.length ? e : null);
      if (chosen.length === 0) {
        setText(result, empty);
        form.querySelector('.estimator__details').hidden = true;
        return;
      }
      setText(result, fill(phrase, { min: grouped(e.min, mark), max: grouped(e.max, mark), unit: data.effort_unit,
                                     complexity: grouped(e.complexity, mark),
                                     scale: grouped(data.complexity_max, mark) }));
      setText(document.getElementById('est-patterns'),
              chosen.map(function (p) { return p.label; }).join(', '));
      var list = document.getElementById('est-risks');
      while (list.firstChild) list.removeChild(list.firstChild);
      e.risks.forEach(function (r) {
        var li = document.createElement('li');
        li.textContent = r;
        list.appendChild(li);
      });
      showAssumptions(chosen, e.full);
      form.querySelector('.estimator__details').hidden = false;
    }

    /* The cost line: nothing until a pattern is ticked and both a rate
     * and a team size are entered; a request for whole numbers when
     * either is not one. */
    function showCost(e) {
      var line = document.getElementById('est-cost');
      var rateBox = form.elements.rate, teamBox = form.elements.team;
      if (!line || !data.cost || !rateBox || !teamBox) return;
      var rateText = rateBox.value.trim(), teamText = teamBox.value.trim();
      line.hidden = !e || rateText === '' || teamText === '';
      if (line.hidden) {
        setText(line, '');
        rateBox.removeAttribute('aria-invalid');
        teamBox.removeAttribute('aria-invalid');
        return;
      }
      /* bounds that keep every product exact in a double */
      var rate = wholeNumber(rateText, 1000000), team = wholeNumber(teamText, 1000);
      var valid = !isNaN(rate) && !isNaN(team);
      rateBox.setAttribute('aria-invalid', String(isNaN(rate)));
      teamBox.setAttribute('aria-invalid', String(isNaN(team)));
      if (!valid) { setText(line, line.getAttribute('data-invalid') || ''); return; }
      var c = cost(e, data.cost.days_per_unit, team, rate);
      var currency = data.cost.currency || line.getAttribute('data-yours') || '';
      setText(line, fill(line.getAttribute('data-result') || '',
                         { min: grouped(c.min, mark), max: grouped(c.max, mark), currency: currency }));
    }

    /* Each ticked pattern: how it counts, and the publisher's assumptions
     * behind its range. */
    function showAssumptions(chosen, full) {
      var box = document.getElementById('est-assumptions');
      if (!box) return;
      while (box.firstChild) box.removeChild(box.firstChild);
      chosen.forEach(function (p, i) {
        var shared = sharedWith(data.foundations, chosen, p);
        var how = full[i] ? box.getAttribute('data-full')
          : data.foundations.length ? fill(box.getAttribute('data-shared') || '',
                                           { percent: grouped(data.shared_percent, mark), foundations: shared.join(', ') })
            : fill(box.getAttribute('data-shared-all') || '', { percent: grouped(data.shared_percent, mark) });
        var head = document.createElement('h4');
        head.textContent = p.label;
        box.appendChild(head);
        var counts = document.createElement('p');
        counts.className = 'estimator__counts';
        counts.textContent = how;
        box.appendChild(counts);
        var list = document.createElement('ul');
        p.assumptions.forEach(function (a) {
          var li = document.createElement('li');
          li.textContent = a;
          list.appendChild(li);
        });
        box.appendChild(list);
      });
    }

    form.addEventListener('change', update);
    /* typing a rate or a team size updates the cost as it goes */
    form.addEventListener('input', function (ev) {
      if (ev.target === form.elements.rate || ev.target === form.elements.team) update();
    });
    form.addEventListener('submit', function (ev) { ev.preventDefault(); update(); });
    form.hidden = false;
    update();
  }

  window.folioEstimate = estimate;
  window.folioCost = cost;
  window.folioGrouped = grouped;
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
