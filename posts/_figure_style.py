# The figures' style, the same in every post, set once here: the Okabe–Ito palette, whose colours readers with the
# common forms of colour blindness can tell apart, on seaborn's grid. The light theme is the default; set the
# environment variable FIGURE_THEME=dark before the kernel starts for figures on the site's dark background. In
# both, text reaches WCAG AA contrast (4.5:1) on the background, and the axes and grid lines the 3:1 it asks of
# graphics. The text is in DejaVu Sans, which matplotlib ships and uses first, so that a figure's pixels are the
# same wherever it is drawn.
import os

import matplotlib.pyplot as plt
import seaborn as sns

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7"]
DATA_COLOUR = "#999999"
# paper: the page's background; ink: text and outlines; rule: axes and grid lines; shade: an observed node's fill.
FIGURE_THEMES = {
    "light": {"paper": "#ffffff", "ink": "#212529", "rule": "#8a8a8a", "shade": "#b3b3b3"},
    "dark": {"paper": "#222222", "ink": "#e9ecef", "rule": "#7a7a7a", "shade": "#595959"},
}
FIGURE_THEME = FIGURE_THEMES[os.environ.get("FIGURE_THEME", "light")]
PAPER, INK, RULE, SHADE = (FIGURE_THEME[role] for role in ("paper", "ink", "rule", "shade"))
sns.set_theme(style="whitegrid", palette=OKABE_ITO, font_scale=1.1, rc={
    "figure.facecolor": PAPER, "axes.facecolor": PAPER, "patch.edgecolor": PAPER,
    "text.color": INK, "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK,
    "axes.edgecolor": RULE, "grid.color": RULE, "grid.linewidth": 0.8, "legend.edgecolor": RULE,
})
plt.rcParams.update(
    {"figure.figsize": (7, 4), "figure.dpi": 100, "savefig.dpi": 100, "figure.constrained_layout.use": True}
)
