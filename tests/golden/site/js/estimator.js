/*
 * Folio scope and cost estimator.
 *
 * Progressive enhancement: the page carries the estimator's data in a JSON
 * block (#estimator-data) and a static table of the same figures; this
 * script reveals the form and computes an estimate as the visitor ticks
 * patterns.  The formula is the build's (generator/content/estimate.c), in integer
 * arithmetic so both give the same figures:
 *   the largest selected figure counts in full, each other one adds
 *   shared_percent of itself; the sum is scaled by the volume and
 *   experience percentages; min and max are rounded half up separately;
 *   complexity is the highest selected.
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

  function combine(figures, sharedPercent) {
    var largest = 0;
    for (var i = 1; i < figures.length; i++) {
      if (figures[i] > figures[largest]) largest = i;
    }
    var hundredths = 0;
    for (var j = 0; j < figures.length; j++) {
      hundredths += figures[j] * (j === largest ? 100 : sharedPercent);
    }
    return hundredths;
  }

  function roundUnits(hundredths, volumePercent, experiencePercent) {
    return Math.floor((hundredths * volumePercent * experiencePercent + 500000) / 1000000);
  }

  /* patterns: the selected entries of data.patterns */
  function estimate(patterns, sharedPercent, volumePercent, experiencePercent) {
    if (patterns.length === 0) return { min: 0, max: 0, complexity: 0, risks: [] };
    var mins = [], maxs = [], complexity = 0, risks = [];
    patterns.forEach(function (p) {
      mins.push(p.min);
      maxs.push(p.max);
      complexity = Math.max(complexity, p.complexity);
      p.risks.forEach(function (r) { if (risks.indexOf(r) < 0) risks.push(r); });
    });
    return {
      min: roundUnits(combine(mins, sharedPercent), volumePercent, experiencePercent),
      max: roundUnits(combine(maxs, sharedPercent), volumePercent, experiencePercent),
      complexity: complexity,
      risks: risks
    };
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
                       percentOf(data.experience, experience ? experience.value : ''));
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
      form.querySelector('.estimator__details').hidden = false;
    }

    form.addEventListener('change', update);
    form.addEventListener('submit', function (ev) { ev.preventDefault(); update(); });
    form.hidden = false;
    update();
  }

  window.folioEstimate = estimate;
  window.folioGrouped = grouped;
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
