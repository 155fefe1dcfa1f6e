// jsdom has no scrollIntoView; components call it when moving the selection with the keys.
if (!Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = function scrollIntoView() {};
}
