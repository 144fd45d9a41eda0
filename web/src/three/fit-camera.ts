// Places a perspective camera so a bounding sphere fills the view, looking from the front
// right and above (z is up), the way a part is usually shown on a print bed.
import { Vector3, type PerspectiveCamera, type Sphere } from 'three';

const VIEW_DIRECTION = new Vector3(0.9, -1.5, 1.1).normalize();

/** Moves `camera` and returns the point it looks at. */
export const fitCamera = (camera: PerspectiveCamera, sphere: Sphere, margin = 1.15): Vector3 => {
  const verticalHalf = (camera.fov * Math.PI) / 360;
  const horizontalHalf = Math.atan(Math.tan(verticalHalf) * camera.aspect);
  const radius = Math.max(sphere.radius, 1);
  const distance = (radius * margin) / Math.sin(Math.min(verticalHalf, horizontalHalf));
  const target = sphere.center.clone();
  camera.position.copy(target).addScaledVector(VIEW_DIRECTION, distance);
  camera.near = Math.max(0.1, distance / 100);
  camera.far = distance * 20;
  camera.lookAt(target);
  camera.updateProjectionMatrix();
  return target;
};
