-- The explorable figures' libraries (Plot, Inputs, d3, htl), served from the site itself: each page's HTML
-- dependencies copy them, as `npm ci` installs them from package-lock.json, with their licences, into
-- site_libs/quarto-contrib/<name>/, where posts/_explorables.qmd loads them instead of from a CDN (Observable's
-- standard library fetches them from jsDelivr; an offline OJS runtime is quarto-cli #1412). A dependency with
-- resources only adds no tag to the page: the figures load each library when a reader nears them.
local LIBRARIES = {
  {name = "observablehq-plot", package = "@observablehq/plot", file = "dist/plot.umd.min.js"},
  {name = "observablehq-inputs", package = "@observablehq/inputs", file = "dist/inputs.min.js"},
  {name = "d3", package = "d3", file = "dist/d3.min.js"},
  {name = "htl", package = "htl", file = "dist/htl.min.js"},
}

local function installed(path)
  local file = io.open(path, "r")
  if file == nil then
    error(path .. " is missing: the explorable figures' libraries come from node_modules/. Run `make setup`, which"
      .. " runs `npm ci` (it needs Node.js and npm on PATH).")
  end
  file:close()
  return path
end

function Meta(meta)
  if not quarto.doc.is_format("html") then
    return nil
  end
  for _, library in ipairs(LIBRARIES) do
    local folder = quarto.project.directory .. "/node_modules/" .. library.package .. "/"
    quarto.doc.add_html_dependency({
      name = library.name,
      resources = {
        {name = pandoc.path.filename(library.file), path = installed(folder .. library.file)},
        {name = "LICENSE", path = installed(folder .. "LICENSE")},
      },
    })
  end
  return nil
end
