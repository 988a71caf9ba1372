# The figures' style, the same in every post, set once here: the Okabe–Ito palette, whose colours readers with the
# common forms of colour blindness can tell apart, on seaborn's white grid. The text is in DejaVu Sans, which
# matplotlib ships and uses first, so that a figure's pixels are the same wherever it is drawn.
import matplotlib.pyplot as plt
import seaborn as sns

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7"]
DATA_COLOUR = "#999999"
sns.set_theme(style="whitegrid", palette=OKABE_ITO, font_scale=1.1)
plt.rcParams.update(
    {"figure.figsize": (7, 4), "figure.dpi": 100, "savefig.dpi": 100, "figure.constrained_layout.use": True}
)
