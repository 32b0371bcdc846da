rm templates/pattern.html
